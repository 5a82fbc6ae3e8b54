import { FixedClock, type RecordedEvent } from '@aftercare/kernel';
import { defineProjection, type ProjectionContext, type ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models';
import { silentRunnerLogger } from './runner-logger';
import { eventually, newEvent, openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';

/** Counts every event it sees and remembers its id, so a duplicate or a gap shows. */
function tally(name: string, types: string[], options: { delayMs?: number } = {}): ProjectionDefinition {
  const handler = async (event: RecordedEvent, ctx: ProjectionContext) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    await ctx
      .collection(`${name}_tally`)
      .updateOne({ _id: 'all' }, { $inc: { count: 1 }, $push: { ids: event.metadata.eventId } }, { upsert: true });
  };
  return defineProjection({
    name,
    version: 1,
    collections: { [`${name}_tally`]: [] },
    handlers: Object.fromEntries(types.map((t) => [t, handler])),
  });
}


jest.setTimeout(30_000);

describe('ProjectionRunner', () => {
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

  function start(projections: ProjectionDefinition[], extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) {
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections,
      logger: silentRunnerLogger,
      controlPollMs: 0,
      ...extra,
    });
    return runner.start().then(() => runner!);
  }

  async function tallyOf(name: string): Promise<{ count: number; ids: string[] }> {
    const models = new ReadModels({ readStore: bed.queryStore });
    const doc = await models.collection(`${name}_tally`).findOne({ _id: 'all' });
    return { count: (doc?.count as number) ?? 0, ids: (doc?.ids as string[]) ?? [] };
  }

  it('catches up on the past, then applies new events as they are appended', async () => {
    const past: string[] = [];
    for (let i = 0; i < 30; i++) {
      const e = newEvent('VisitRecorded', { n: i });
      past.push(e.metadata.eventId);
      await bed.appendMany(`vehicle-${i % 3}`, [e]);
    }
    await bed.append('customer-1', 'CustomerRegistered');
    const r = await start([tally('visits', ['VisitRecorded'])], { batchSize: 7 });
    await r.waitForCatchUp();
    await eventually(() => r.isCaughtUp());
    expect((await tallyOf('visits')).ids).toEqual(past);

    const live = newEvent('VisitRecorded', { n: 30 });
    const { position } = await bed.appendMany('vehicle-9', [live]);
    await r.waitForCatchUp(position);
    const after = await tallyOf('visits');
    expect(after.count).toBe(31);
    expect(after.ids[30]).toBe(live.metadata.eventId);
  });

  it('applies every event exactly once across a stop in the middle of a catch-up and a restart', async () => {
    const appended: string[] = [];
    const appendBurst = async (n: number) => {
      const events = Array.from({ length: n }, (_, i) => newEvent('VisitRecorded', { i }));
      for (const e of events) appended.push(e.metadata.eventId);
      for (let i = 0; i < events.length; i += 5) await bed.appendMany(`vehicle-${i}`, events.slice(i, i + 5));
    };
    await appendBurst(120);
    const definition = tally('visits', ['VisitRecorded'], { delayMs: 1 });

    const first = await start([definition], { batchSize: 9 });
    await eventually(async () => (await first.status())[0].position > 20);
    await first.stop();
    const halfway = (await tallyOf('visits')).count;
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(120);

    await appendBurst(40);
    const second = await start([definition], { batchSize: 9 });
    await second.waitForCatchUp();
    const { count, ids } = await tallyOf('visits');
    expect(count).toBe(160);
    expect(new Set(ids).size).toBe(160);
    expect(ids).toEqual(appended);
  });

  it('keeps an independent checkpoint per projection', async () => {
    for (let i = 0; i < 10; i++) await bed.append('vehicle-1', 'VisitRecorded');
    for (let i = 0; i < 4; i++) await bed.append('complaint-1', 'ComplaintFiled');
    const r = await start([tally('visits', ['VisitRecorded']), tally('complaints', ['ComplaintFiled'])]);
    await r.waitForCatchUp();
    const head = await bed.eventStore.headPosition();
    const status = await r.status();
    const byName = Object.fromEntries(status.map((s) => [s.name, s]));
    expect(byName.visits.position).toBe(10);
    expect(byName.complaints.position).toBe(head);
    expect((await tallyOf('visits')).count).toBe(10);
    expect((await tallyOf('complaints')).count).toBe(4);

    // One projection's new events do not move the other's checkpoint.
    const p = await bed.append('complaint-2', 'ComplaintFiled');
    await r.waitForCatchUp(p);
    const again = Object.fromEntries((await r.status()).map((s) => [s.name, s]));
    expect(again.visits.position).toBe(10);
    expect(again.complaints.position).toBe(p);
  });

  it('reports lag in events and in time while behind, and none once caught up', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00.000Z');
    await bed.append('vehicle-1', 'VisitRecorded', {}, '2026-03-01T09:00:00.000Z');
    await bed.append('vehicle-1', 'VisitRecorded', {}, '2026-03-01T09:30:00.000Z');
    await bed.append('customer-1', 'CustomerRegistered', {}, '2026-03-01T09:40:00.000Z');
    const r = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections: [tally('visits', ['VisitRecorded'])],
      clock,
      logger: silentRunnerLogger,
      controlPollMs: 0,
    });
    runner = r;
    const stopped = (await r.status())[0];
    expect(stopped).toMatchObject({ state: 'stopped', position: 0, headPosition: 3, lagEvents: 2, lagEventsExact: true, lagMs: 3_600_000 });

    await r.start();
    await r.waitForCatchUp();
    await eventually(() => r.isCaughtUp());
    const live = (await r.status())[0];
    expect(live).toMatchObject({ state: 'live', position: 2, headPosition: 3, lagEvents: 0, lagMs: 0, parkedCount: 0, version: 1, generation: 0 });
    expect(live.lastEventAt).toBe('2026-03-01T09:30:00.000Z');
  });

  it('counts a large lag only up to its limit and says so', async () => {
    await bed.appendMany(
      'vehicle-1',
      Array.from({ length: 25 }, () => newEvent('VisitRecorded')),
    );
    const r = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections: [tally('visits', ['VisitRecorded'])],
      logger: silentRunnerLogger,
      lagCountLimit: 10,
    });
    runner = r;
    expect((await r.status())[0]).toMatchObject({ lagEvents: 10, lagEventsExact: false });
  });

  it('lets a caller wait until its own write is in every read model', async () => {
    const r = await start([tally('visits', ['VisitRecorded'])]);
    await r.waitForCatchUp();
    const writes = Array.from({ length: 5 }, (_, i) => bed.append(`vehicle-${i}`, 'VisitRecorded'));
    const positions = await Promise.all(writes);
    await r.waitForCatchUp(Math.max(...positions));
    expect((await tallyOf('visits')).count).toBe(5);
  });

  it('fails a wait that cannot be met in time instead of hanging', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = defineProjection({
      name: 'slow',
      version: 1,
      collections: { slow_docs: [] },
      handlers: { VisitRecorded: () => held },
    });
    const r = await start([slow]);
    const p = await bed.append('vehicle-1', 'VisitRecorded');
    await expect(r.waitForCatchUp(p, { timeoutMs: 200 })).rejects.toThrow(/has not applied position/);
    release();
    await r.waitForCatchUp(p);
  });

  it('writes checkpoints and state to _projections where other processes read them', async () => {
    await bed.append('vehicle-1', 'VisitRecorded');
    const r = await start([tally('visits', ['VisitRecorded'])]);
    await r.waitForCatchUp();
    const docs = await bed.queryStore.collection('_projections').find({});
    const active = docs.find((d) => d._id === 'visits');
    const build = docs.find((d) => d._id === 'visits@v1.g0');
    expect(active).toMatchObject({ kind: 'active', version: 1, generation: 0, collections: { visits_tally: 'visits_tally_v1' } });
    expect(build).toMatchObject({ kind: 'build', state: 'active', position: 1, parkedCount: 0, types: ['VisitRecorded'] });
    expect(await bed.queryStore.listCollections()).toContain('visits_tally_v1');
  });

  it('refuses two projections claiming one collection', () => {
    const a = tally('a', ['X']);
    const b = { ...tally('b', ['Y']), collections: a.collections };
    expect(
      () => new ProjectionRunner({ eventStore: bed.eventStore, readStore: bed.runnerStore, projections: [a, b] }),
    ).toThrow(/owned by projections a and b/);
  });
});
