import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, type ProjectionContext, type ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models';
import { silentRunnerLogger } from './runner-logger';
import { eventually, openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';

/** A gate the test opens: handlers of the build being made wait on it. */
class Gate {
  private open: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
}

function cards(version: number, gate?: Gate): ProjectionDefinition {
  return defineProjection({
    name: 'cards',
    version,
    collections: { customer_cards: [{ fields: { name: 1 } }] },
    handlers: {
      CustomerRegistered: async (event: RecordedEvent, ctx: ProjectionContext) => {
        if (gate) await gate.opened;
        const name = event.data.name as string;
        await ctx
          .collection('customer_cards')
          .replaceOne({ _id: event.data.id as string }, { _id: event.data.id as string, name, builtBy: version }, { upsert: true });
      },
    },
  });
}

jest.setTimeout(30_000);

describe('ProjectionRunner rebuilds', () => {
  let bed: ProjectionTestBed;
  let runner: ProjectionRunner | undefined;
  let models: ReadModels;

  beforeEach(async () => {
    bed = await openProjectionTestBed();
    models = new ReadModels({ readStore: bed.queryStore, cacheTtlMs: 60_000 });
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await bed.close();
  });

  async function start(projections: ProjectionDefinition[]): Promise<ProjectionRunner> {
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections,
      logger: silentRunnerLogger,
      retireGraceMs: 0,
      controlPollMs: 0,
      batchSize: 4,
    });
    models.follow(runner);
    await runner.start();
    return runner;
  }

  async function register(n: number, from = 0): Promise<void> {
    for (let i = from; i < from + n; i++) await bed.append(`customer-${i}`, 'CustomerRegistered', { id: `c${i}`, name: `Customer ${i}` });
  }

  async function served(): Promise<{ builtBy: unknown[]; count: number }> {
    const docs = await models.collection('customer_cards').find({}, { sort: { _id: 1 } });
    return { builtBy: [...new Set(docs.map((d) => d.builtBy))], count: docs.length };
  }

  it('builds a bumped version beside the serving one and switches once it has caught up', async () => {
    await register(10);
    const v1 = await start([cards(1)]);
    await v1.waitForCatchUp();
    await v1.stop();

    const gate = new Gate();
    const r = await start([cards(2, gate)]);
    await eventually(async () => (await r.status())[0].rebuild !== null);
    const during = (await r.status())[0];
    expect(during).toMatchObject({ state: 'rebuilding', version: 1, generation: 0, position: 10, frozen: true });
    expect(during.rebuild).toMatchObject({ version: 2, generation: 0, position: 0, headPosition: 10 });
    expect(await served()).toEqual({ builtBy: [1], count: 10 });
    expect(await models.physicalName('customer_cards')).toBe('customer_cards_v1');

    gate.release();
    await eventually(async () => (await r.status())[0].version === 2);
    await eventually(async () => !(await bed.queryStore.listCollections()).includes('customer_cards_v1'));
    expect(await models.physicalName('customer_cards')).toBe('customer_cards_v2');
    expect(await served()).toEqual({ builtBy: [2], count: 10 });
    const status = (await r.status())[0];
    expect(status).toMatchObject({ state: 'live', version: 2, position: 10, lagEvents: 0, rebuild: null, frozen: false });
    const v1Build = await bed.queryStore.collection('_projections').findOne({ _id: 'cards@v1.g0' });
    expect(v1Build).toMatchObject({ state: 'retired', dropped: true });

    await register(1, 10);
    await r.waitForCatchUp();
    expect(await served()).toEqual({ builtBy: [2], count: 11 });
  });

  it('keeps the old version live while the new one builds when both are in the code', async () => {
    await register(40);
    const first = await start([cards(1)]);
    await first.waitForCatchUp();
    await first.stop();

    // Slowed down, not blocked: the builds share the runner's connection and take turns batch by batch.
    const slowV2 = defineProjection({
      ...cards(2),
      handlers: {
        CustomerRegistered: async (event, ctx) => {
          await new Promise((resolve) => setTimeout(resolve, 25));
          await cards(2).handlers.CustomerRegistered(event, ctx);
        },
      },
    });
    const r = await start([cards(1), slowV2]);
    await register(3, 40);
    await r.waitForCatchUp();
    // Read-your-writes holds during the rebuild: the serving build follows live.
    expect(await served()).toEqual({ builtBy: [1], count: 43 });
    expect((await r.status())[0]).toMatchObject({ state: 'rebuilding', frozen: false, position: 43 });

    await eventually(async () => (await r.status())[0].version === 2);
    await r.waitForCatchUp();
    expect(await served()).toEqual({ builtBy: [2], count: 43 });
  });

  it('rebuilds the same version into a new generation on request, then drops the old one', async () => {
    await register(6);
    const r = await start([cards(1)]);
    await r.waitForCatchUp();

    const build = await r.rebuild('cards');
    expect(build).toEqual({ name: 'cards', version: 1, generation: 1, collections: { customer_cards: 'customer_cards_v1_g1' } });
    // Asking again while it runs returns the same build.
    expect((await r.rebuild('cards')).generation).toBe(1);

    await eventually(async () => (await r.status())[0].generation === 1);
    await eventually(async () => !(await bed.queryStore.listCollections()).includes('customer_cards_v1'));
    expect(await models.physicalName('customer_cards')).toBe('customer_cards_v1_g1');
    expect(await served()).toEqual({ builtBy: [1], count: 6 });
    const indexed = await bed.queryStore.collection('customer_cards_v1_g1').find({ name: 'Customer 3' });
    expect(indexed).toHaveLength(1);
  });

  it('resumes an interrupted rebuild from its checkpoint after a restart', async () => {
    await register(12);
    const first = await start([cards(1)]);
    await first.waitForCatchUp();
    await first.stop();

    const gate = new Gate();
    const slow = defineProjection({
      ...cards(2),
      handlers: {
        CustomerRegistered: async (event, ctx) => {
          // The first four events pass, then the build waits: the stop lands mid-rebuild.
          if (event.position > 4) await gate.opened;
          await cards(2).handlers.CustomerRegistered(event, ctx);
        },
      },
    });
    const interrupted = await start([slow]);
    await eventually(async () => ((await interrupted.status())[0].rebuild?.position ?? 0) >= 4);
    gate.release();
    await interrupted.stop();

    const r = await start([cards(2)]);
    await eventually(async () => (await r.status())[0].version === 2);
    const builds = await bed.queryStore.collection('_projections').find({ kind: 'build' }, { sort: { _id: 1 } });
    expect(builds.map((b) => [b._id, b.state])).toEqual([
      ['cards@v1.g0', 'retired'],
      ['cards@v2.g0', 'active'],
    ]);
    expect(await served()).toEqual({ builtBy: [2], count: 12 });
  });

  it('lets another process ask for a rebuild through the store', async () => {
    await register(3);
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections: [cards(1)],
      logger: silentRunnerLogger,
      retireGraceMs: 0,
      controlPollMs: 20,
    });
    await runner.start();
    await runner.waitForCatchUp();
    // The CLI's runner is never started: rebuild() only records the request. It
    // writes through the runner's connection here because a second connection
    // writing in the same process would block the event loop on sqlite's lock
    // while the runner's transaction waits for that loop.
    const cli = new ProjectionRunner({ eventStore: bed.eventStore, readStore: bed.runnerStore, projections: [cards(1)], logger: silentRunnerLogger });
    await cli.rebuild('cards');
    const r = runner;
    await eventually(async () => (await r.status())[0].generation === 1);
  });
});
