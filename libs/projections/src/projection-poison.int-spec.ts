import type { RecordedEvent } from '@aftercare/kernel';
import { PARKED_COLLECTION } from './parked-events';
import { defineProjection, type ProjectionContext } from './projection';
import { ProjectionRunner } from './projection-runner';
import { silentRunnerLogger } from './runner-logger';
import { newEvent, openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';


jest.setTimeout(30_000);

describe('ProjectionRunner with an event its handler cannot apply', () => {
  let bed: ProjectionTestBed;
  let runner: ProjectionRunner | undefined;
  const attempts = new Map<number, number>();

  /**
   * Writes twice per event; on an event marked `poison` it has already written
   * once when it throws, so a partial write left behind would show in the counter.
   */
  const ledger = defineProjection({
    name: 'ledger',
    version: 1,
    collections: { ledger_entries: [], ledger_totals: [] },
    handlers: {
      AmountBooked: async (event: RecordedEvent, ctx: ProjectionContext) => {
        attempts.set(event.position, (attempts.get(event.position) ?? 0) + 1);
        await ctx.collection('ledger_totals').updateOne({ _id: 'all' }, { $inc: { amount: event.data.amount as number, entries: 1 } }, { upsert: true });
        const failFor = event.data.failTimes as number | undefined;
        if (event.data.poison || (failFor !== undefined && attempts.get(event.position)! <= failFor)) {
          throw new Error(`cannot book ${event.data.amount}`);
        }
        await ctx.collection('ledger_entries').insertOne({ _id: event.metadata.eventId, amount: event.data.amount });
      },
    },
  });

  beforeEach(async () => {
    attempts.clear();
    bed = await openProjectionTestBed();
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await bed.close();
  });

  async function run(): Promise<ProjectionRunner> {
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      projections: [ledger],
      logger: silentRunnerLogger,
      maxAttempts: 3,
      retryDelayMs: 1,
      controlPollMs: 0,
    });
    await runner.start();
    await runner.waitForCatchUp();
    return runner;
  }

  it('parks the event after three attempts, applies every other event once, and leaves none of its writes', async () => {
    const events = Array.from({ length: 10 }, (_, i) => newEvent('AmountBooked', i === 4 ? { amount: 1000, poison: true } : { amount: i }));
    await bed.appendMany('ledger-1', events);
    const r = await run();

    const totals = await bed.queryStore.collection('ledger_totals_v1').findOne({ _id: 'all' });
    expect(totals).toMatchObject({ amount: 0 + 1 + 2 + 3 + 5 + 6 + 7 + 8 + 9, entries: 9 });
    expect(await bed.queryStore.collection('ledger_entries_v1').count()).toBe(9);
    expect(await bed.queryStore.collection('ledger_entries_v1').findOne({ _id: events[4].metadata.eventId })).toBeNull();

    const poisonPosition = (await bed.eventStore.readStream('ledger-1'))[4].position;
    expect(attempts.get(poisonPosition)).toBe(3);
    const parked = await bed.queryStore.collection(PARKED_COLLECTION).find({});
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      kind: 'projection',
      projection: 'ledger',
      version: 1,
      generation: 0,
      position: poisonPosition,
      streamId: 'ledger-1',
      type: 'AmountBooked',
      eventId: events[4].metadata.eventId,
      attempts: 3,
      error: { message: 'cannot book 1000' },
    });
    expect((parked[0].error as { stack: string }).stack).toContain('cannot book 1000');

    const status = (await r.status())[0];
    expect(status).toMatchObject({ parkedCount: 1, position: await bed.eventStore.headPosition(), lagEvents: 0 });
  });

  it('applies an event that fails only on its first attempts, once', async () => {
    await bed.appendMany('ledger-1', [newEvent('AmountBooked', { amount: 1 }), newEvent('AmountBooked', { amount: 2, failTimes: 2 }), newEvent('AmountBooked', { amount: 4 })]);
    const r = await run();
    expect(await bed.queryStore.collection('ledger_totals_v1').findOne({ _id: 'all' })).toMatchObject({ amount: 7, entries: 3 });
    expect((await r.status())[0].parkedCount).toBe(0);
    expect(await bed.queryStore.collection(PARKED_COLLECTION).count()).toBe(0);
  });

  it('does not try a parked event again after a restart', async () => {
    await bed.appendMany('ledger-1', [newEvent('AmountBooked', { amount: 1, poison: true }), newEvent('AmountBooked', { amount: 2 })]);
    const first = await run();
    await first.stop();
    attempts.clear();
    await bed.append('ledger-1', 'AmountBooked', { amount: 4 });
    const second = await run();
    expect([...attempts.values()]).toEqual([1]);
    expect(await bed.queryStore.collection('ledger_totals_v1').findOne({ _id: 'all' })).toMatchObject({ amount: 6, entries: 2 });
    expect((await second.status())[0].parkedCount).toBe(1);
  });
});
