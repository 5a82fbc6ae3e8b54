import type { RecordedEvent } from '@aftercare/kernel';
import type { Collection, Doc, ReadStore } from '@aftercare/read-store';
import { PositionGuardedCollection, WriteStamp } from './position-guarded-collection';
import { defineProjection, type ProjectionContext } from './projection';
import { PROJECTIONS_COLLECTION } from './projection-catalog';
import { ProjectionRunner } from './projection-runner';
import { silentRunnerLogger } from './runner-logger';
import { openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';

/**
 * The sqlite adapter seen as MongoDB without sessions sees it: no transactions,
 * so the runner must rely on position guards.
 */
class WithoutTransactions implements ReadStore {
  readonly supportsTransactions = false;
  constructor(private readonly inner: ReadStore) {}
  collection<T extends Doc = Doc>(name: string): Collection<T> {
    return this.inner.collection<T>(name);
  }
  listCollections(): Promise<string[]> {
    return this.inner.listCollections();
  }
  transaction<R>(): Promise<R> {
    throw new Error('no transactions here');
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Uses every kind of write, two of them on the same document in one event. */
const dealerBoard = defineProjection({
  name: 'dealer_board',
  version: 1,
  collections: { board_visits: [], board_dealers: [], board_log: [] },
  handlers: {
    VisitRecorded: async (event: RecordedEvent, ctx: ProjectionContext) => {
      const d = event.data as { visitId: string; dealerId: string; amount: number };
      await ctx.collection('board_visits').replaceOne({ _id: d.visitId }, { _id: d.visitId, dealerId: d.dealerId, amount: d.amount, cancelled: false }, { upsert: true });
      await ctx.collection('board_dealers').updateOne({ _id: d.dealerId }, { $inc: { visits: 1, spend: d.amount } }, { upsert: true });
      await ctx.collection('board_dealers').updateOne({ _id: d.dealerId }, { $push: { recent: d.visitId } });
      await ctx.collection('board_log').insertOne({ _id: event.metadata.eventId, visitId: d.visitId });
    },
    VisitCancelled: async (event: RecordedEvent, ctx: ProjectionContext) => {
      const d = event.data as { visitId: string; dealerId: string };
      await ctx.collection('board_visits').updateMany({ _id: d.visitId }, { $set: { cancelled: true } });
      await ctx.collection('board_dealers').updateOne({ _id: d.dealerId }, { $inc: { visits: -1 } });
      await ctx.collection('board_log').deleteOne({ visitId: d.visitId });
    },
  },
});


jest.setTimeout(30_000);

describe('position guards (read stores without transactions)', () => {
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

  async function runToHead(): Promise<ProjectionRunner> {
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: new WithoutTransactions(bed.runnerStore),
      projections: [dealerBoard],
      logger: silentRunnerLogger,
      batchSize: 5,
      retryDelayMs: 1,
      controlPollMs: 0,
    });
    await runner.start();
    await runner.waitForCatchUp();
    return runner;
  }

  async function snapshot(): Promise<Record<string, Doc[]>> {
    const result: Record<string, Doc[]> = {};
    for (const name of ['board_visits_v1', 'board_dealers_v1', 'board_log_v1']) {
      result[name] = await bed.queryStore.collection(name).find({}, { sort: { _id: 1 } });
    }
    return result;
  }

  async function appendHistory(): Promise<void> {
    for (let i = 0; i < 12; i++) {
      await bed.append(`visit-${i}`, 'VisitRecorded', { visitId: `v${i}`, dealerId: `d${i % 3}`, amount: 100 + i });
    }
    await bed.append('visit-4', 'VisitCancelled', { visitId: 'v4', dealerId: 'd1' });
    await bed.append('visit-12', 'VisitRecorded', { visitId: 'v12', dealerId: 'd0', amount: 1 });
  }

  it('applies each write once and changes nothing when the whole log is replayed over it', async () => {
    await appendHistory();
    const first = await runToHead();
    await first.stop();
    const before = await snapshot();
    expect(before.board_dealers_v1.find((d) => d._id === 'd1')).toMatchObject({ visits: 3, spend: 101 + 104 + 107 + 110, recent: ['v1', 'v4', 'v7', 'v10'] });
    expect(before.board_visits_v1.find((d) => d._id === 'v4')).toMatchObject({ cancelled: true });
    expect(before.board_log_v1).toHaveLength(12);

    // A crash that lost every checkpoint: the runner replays the log from the start.
    await bed.runnerStore.collection(PROJECTIONS_COLLECTION).updateOne({ _id: 'dealer_board@v1.g0' }, { $set: { position: 0 } });
    await runToHead();
    expect(await snapshot()).toEqual(before);
  });

  it('changes nothing when one batch is replayed after a crash before its checkpoint', async () => {
    await appendHistory();
    const first = await runToHead();
    await first.stop();
    const before = await snapshot();
    await bed.runnerStore.collection(PROJECTIONS_COLLECTION).updateOne({ _id: 'dealer_board@v1.g0' }, { $set: { position: 10 } });
    await runToHead();
    expect(await snapshot()).toEqual(before);
  });

  it('parks a poison event without transactions and applies the rest once', async () => {
    const fragile = defineProjection({
      ...dealerBoard,
      handlers: {
        ...dealerBoard.handlers,
        VisitRecorded: async (event, ctx) => {
          if (event.data.visitId === 'v3') throw new Error('bad visit');
          await dealerBoard.handlers.VisitRecorded(event, ctx);
        },
      },
    });
    await appendHistory();
    runner = new ProjectionRunner({
      eventStore: bed.eventStore,
      readStore: new WithoutTransactions(bed.runnerStore),
      projections: [fragile],
      logger: silentRunnerLogger,
      batchSize: 5,
      retryDelayMs: 1,
      controlPollMs: 0,
    });
    await runner.start();
    await runner.waitForCatchUp();
    expect((await runner.status())[0].parkedCount).toBe(1);
    const dealer0 = await bed.queryStore.collection('board_dealers_v1').findOne({ _id: 'd0' });
    expect(dealer0).toMatchObject({ visits: 4, recent: ['v0', 'v6', 'v9', 'v12'] });
    expect(await bed.queryStore.collection('board_log_v1').count()).toBe(11);
  });

  describe('a guarded collection', () => {
    let raw: Collection;

    beforeEach(() => {
      raw = bed.runnerStore.collection('guarded_docs');
    });

    it('lets one event write the same document twice', async () => {
      const stamp = new WriteStamp(7);
      const docs = new PositionGuardedCollection(raw, stamp);
      await docs.updateOne({ _id: 'a' }, { $set: { name: 'A' } }, { upsert: true });
      await docs.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
      expect(await raw.findOne({ _id: 'a' })).toEqual({ _id: 'a', name: 'A', n: 1, _pos: 7, _seq: 1 });
    });

    it('skips the writes of an event already applied, including upserts and inserts', async () => {
      const apply = async (position: number) => {
        const docs = new PositionGuardedCollection(raw, new WriteStamp(position));
        await docs.updateOne({ _id: 'a' }, { $inc: { n: 1 }, $push: { seen: position } }, { upsert: true });
        await docs.insertOne({ _id: `log-${position}` });
        await docs.replaceOne({ _id: 'b' }, { _id: 'b', last: position }, { upsert: true });
      };
      await apply(3);
      await apply(5);
      await apply(3);
      await apply(5);
      expect(await raw.findOne({ _id: 'a' })).toMatchObject({ n: 2, seen: [3, 5] });
      expect(await raw.findOne({ _id: 'b' })).toMatchObject({ last: 5 });
      expect(await raw.count()).toBe(4);
    });

    it('does not delete a document a later event wrote', async () => {
      await new PositionGuardedCollection(raw, new WriteStamp(9)).insertOne({ _id: 'a' });
      expect(await new PositionGuardedCollection(raw, new WriteStamp(4)).deleteOne({ _id: 'a' })).toEqual({ deletedCount: 0 });
      expect(await new PositionGuardedCollection(raw, new WriteStamp(10)).deleteOne({ _id: 'a' })).toEqual({ deletedCount: 1 });
    });

    it('still reports a real duplicate insert', async () => {
      await raw.insertOne({ _id: 'a' });
      // Matched on the message: the adapter's error class may come from another jest module registry.
      await expect(new PositionGuardedCollection(raw, new WriteStamp(2)).insertOne({ _id: 'a' })).rejects.toMatchObject({
        message: expect.stringMatching(/duplicate key|UNIQUE constraint/),
      });
    });

    it('refuses an upsert that does not name its _id', async () => {
      const docs = new PositionGuardedCollection(raw, new WriteStamp(1));
      await expect(docs.updateOne({ dealerId: 'd1' }, { $inc: { n: 1 } }, { upsert: true })).rejects.toThrow(/must filter on a string _id/);
    });
  });
});
