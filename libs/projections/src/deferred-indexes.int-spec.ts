import type { RecordedEvent } from '@aftercare/kernel';
import type { SqliteReadStore } from '@aftercare/read-store';
import { defineProjection, type ProjectionContext } from './projection';
import { ProjectionRunner } from './projection-runner';
import { silentRunnerLogger } from './runner-logger';
import { eventually, newEvent, openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';

jest.setTimeout(30_000);

/** Whether sqlite would answer the query with an index of the collection. */
function usesIndex(store: SqliteReadStore, collection: string, filter: Record<string, unknown>): boolean {
  return store.explainQueryPlan(collection, filter).some((row) => row.some((step) => /USING (COVERING )?INDEX/.test(step)));
}

describe('secondary indexes of a build catching up (DeferredIndexes)', () => {
  let bed: ProjectionTestBed;
  let runner: ProjectionRunner | undefined;
  const seen: Record<string, boolean | string> = {};

  const projection = defineProjection({
    name: 'orders',
    version: 1,
    collections: {
      orders: [{ fields: { status: 1 } }, { fields: { ref: 1 }, unique: true }],
      order_lookups: [{ fields: { vin: 1 } }],
    },
    handlers: {
      Placed: async (event: RecordedEvent, ctx: ProjectionContext) => {
        const d = event.data as { id: string; vin: string };
        await ctx.collection('orders').replaceOne({ _id: d.id }, { _id: d.id, status: 'placed', ref: `R-${d.id}` }, { upsert: true });
        await ctx.collection('order_lookups').replaceOne({ _id: d.id }, { _id: d.id, vin: d.vin }, { upsert: true });
      },
      Probed: async (_event: RecordedEvent, ctx: ProjectionContext) => {
        const store = bed.runnerStore as SqliteReadStore;
        const orders = ctx.collection('orders').name;
        const lookups = ctx.collection('order_lookups').name;
        seen.orders = orders;
        seen.statusIndexed = usesIndex(store, orders, { status: 'placed' });
        seen.refIndexed = usesIndex(store, orders, { ref: 'R-1' });
        seen.vinIndexedBefore = usesIndex(store, lookups, { vin: 'V1' });
        // A handler querying by another field than _id: that collection's indexes come first.
        await ctx.collection('order_lookups').findOne({ vin: 'V1' });
        seen.vinIndexedAfter = usesIndex(store, lookups, { vin: 'V1' });
        seen.statusIndexedAfterLookup = usesIndex(store, orders, { status: 'placed' });
      },
    },
  });

  beforeEach(async () => {
    bed = await openProjectionTestBed();
    for (const k of Object.keys(seen)) delete seen[k];
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await bed.close();
  });

  it('creates unique indexes first, a queried collection’s indexes on the first query, and the rest before the build counts as caught up', async () => {
    for (let i = 1; i <= 3; i++) await bed.eventStore.append(`order-${i}`, [newEvent('Placed', { id: String(i), vin: `V${i}` })], { expectedRevision: 'no_stream' });
    await bed.eventStore.append('probe-1', [newEvent('Probed')], { expectedRevision: 'no_stream' });
    runner = new ProjectionRunner({ eventStore: bed.eventStore, readStore: bed.runnerStore, projections: [projection], logger: silentRunnerLogger, controlPollMs: 0 });
    await runner.start();
    await runner.waitForCatchUp();
    // Live once the indexes are made (the events were applied a moment before).
    await eventually(() => runner!.isCaughtUp());

    expect(seen).toMatchObject({ refIndexed: true, statusIndexed: false, vinIndexedBefore: false, vinIndexedAfter: true, statusIndexedAfterLookup: false });
    // Caught up: every index is there, and queries of other connections use it.
    expect(usesIndex(bed.queryStore as SqliteReadStore, seen.orders as string, { status: 'placed' })).toBe(true);
    expect((await runner.status())[0]).toMatchObject({ state: 'live', position: 4 });
  });

  it('gives a rebuild its indexes before it is switched to', async () => {
    await bed.eventStore.append('order-1', [newEvent('Placed', { id: '1', vin: 'V1' })], { expectedRevision: 'no_stream' });
    runner = new ProjectionRunner({ eventStore: bed.eventStore, readStore: bed.runnerStore, projections: [projection], logger: silentRunnerLogger, controlPollMs: 0, retireGraceMs: 0 });
    await runner.start();
    await runner.waitForCatchUp();
    const switched = new Promise<string>((resolve) => runner!.onSwitch((_name, build) => resolve(build.collections.orders)));
    await runner.rebuild('orders');
    const orders = await switched;
    expect(usesIndex(bed.queryStore as SqliteReadStore, orders, { status: 'placed' })).toBe(true);
    expect(usesIndex(bed.queryStore as SqliteReadStore, orders, { ref: 'R-1' })).toBe(true);
  });
});
