import { defineProjection } from './projection';
import { ProjectionCatalog } from './projection-catalog';
import { ProjectionMonitor } from './projection-monitor';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models';
import { silentRunnerLogger } from './runner-logger';
import { eventually, openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';

const notes = (version: number) =>
  defineProjection({
    name: 'notes',
    version,
    collections: { customer_notes: [] },
    handlers: {
      NoteTaken: async (event, ctx) => {
        await ctx.collection('customer_notes').insertOne({ _id: event.metadata.eventId, text: event.data.text, version });
      },
    },
  });


jest.setTimeout(30_000);

describe('ReadModels and ProjectionMonitor (the query side)', () => {
  let bed: ProjectionTestBed;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    bed = await openProjectionTestBed();
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await bed.close();
  });

  async function start(version: number): Promise<ProjectionRunner> {
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections: [notes(version)],
      logger: silentRunnerLogger,
      retireGraceMs: 60_000,
      controlPollMs: 0,
    });
    await runner.start();
    await runner.waitForCatchUp();
    return runner;
  }

  it('reads the collections the first build will write before any runner has started', async () => {
    const models = new ReadModels({ readStore: bed.queryStore, projections: [notes(1), notes(3)] });
    expect(await models.physicalName('customer_notes')).toBe('customer_notes_v3');
    expect(await models.collection('customer_notes').count()).toBe(0);
  });

  it('names a read model nobody declared as unknown', async () => {
    const models = new ReadModels({ readStore: bed.queryStore });
    await expect(models.collection('nothing_here').findOne({})).rejects.toThrow(/unknown read model nothing_here/);
  });

  it('sees a switch made by another process once its cache expires', async () => {
    await bed.append('customer-1', 'NoteTaken', { text: 'called back' });
    const first = await start(1);
    const models = new ReadModels({ readStore: bed.queryStore, cacheTtlMs: 50 });
    expect(await models.collection('customer_notes').find({})).toMatchObject([{ text: 'called back', version: 1 }]);
    await first.stop();

    // The new runner is not followed: only the cache expiry can reveal its switch.
    const second = await start(2);
    await eventually(async () => (await second.status())[0].version === 2);
    await eventually(async () => (await models.physicalName('customer_notes')) === 'customer_notes_v2');
    expect(await models.collection('customer_notes').find({})).toMatchObject([{ text: 'called back', version: 2 }]);
  });

  it('reports status and waits for a position from the checkpoints alone', async () => {
    const r = await start(1);
    const monitor = new ProjectionMonitor({ eventStore: bed.eventStore, readStore: bed.queryStore, pollMs: 5 });
    const p = await bed.append('customer-1', 'NoteTaken', { text: 'x' });
    await bed.append('customer-1', 'CustomerRegistered');
    await monitor.waitForCatchUp();
    expect((await monitor.status())[0]).toMatchObject({ name: 'notes', version: 1, position: p, lagEvents: 0, state: 'live' });
    await r.stop();
    await bed.append('customer-1', 'NoteTaken', { text: 'y' });
    expect((await monitor.status())[0]).toMatchObject({ lagEvents: 1, state: 'catching_up' });
    await expect(monitor.waitForCatchUp(undefined, { timeoutMs: 50 })).rejects.toThrow(/has not applied/);
    expect(await new ProjectionCatalog(bed.queryStore).allActive()).toHaveLength(1);
  });
});
