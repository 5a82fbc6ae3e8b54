import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import type { Doc } from '../read-store.port';
import { describeReadStoreConformance } from '../testing/read-store.conformance';
import { SqliteReadStore } from './sqlite-read-store';

describeReadStoreConformance('sqlite (file)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-read-store-'));
  const store = new SqliteReadStore({ file: path.join(dir, 'read-models.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeReadStoreConformance('sqlite (:memory:)', async () => {
  const store = new SqliteReadStore({ file: ':memory:' });
  return { store, cleanup: () => store.close() };
});

const ids = (docs: Doc[]) => docs.map((d) => d._id);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SqliteReadStore', () => {
  let dir: string;
  let file: string;
  const open: SqliteReadStore[] = [];
  const openStore = () => {
    const store = new SqliteReadStore({ file });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-read-store-'));
    file = path.join(dir, 'data', 'nested', 'read-models.sqlite');
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data directory and opens the file in WAL mode', async () => {
    const store = openStore();
    await store.collection('c').insertOne({ _id: 'x' });
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  describe('index use (EXPLAIN QUERY PLAN)', () => {
    let store: SqliteReadStore;

    beforeEach(async () => {
      store = openStore();
      const c = store.collection('complaints');
      await c.createIndex({ fields: { dealerId: 1, openedAt: -1 } });
      await c.createIndex({ fields: { status: 1 } });
      await c.createIndex({ fields: { 'customer.email': 1 }, unique: true });
      await store.transaction(async () => {
        for (let i = 0; i < 300; i++) {
          await c.insertOne({
            _id: `c${String(i).padStart(3, '0')}`,
            dealerId: `d${i % 7}`,
            openedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
            status: ['open', 'closed', 'escalated'][i % 3],
            customer: { email: `p${i}@example.com` },
            tags: ['a', `t${i % 5}`],
          });
        }
      });
    });

    /** Every step is answered by an index: a SEARCH (or an ordered index walk), no full scan, no sort step. */
    const expectIndexed = (plans: string[][], search = true) => {
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        for (const step of plan) {
          expect(step).toMatch(/USING (COVERING )?INDEX/);
          expect(step).not.toMatch(/TEMP B-TREE/);
          if (search) expect(step).toMatch(/^SEARCH /);
        }
      }
    };

    it('answers equality and range filters with a sort on an indexed field from the index', () => {
      expectIndexed(store.explainQueryPlan('complaints', { dealerId: 'd3' }, { sort: { openedAt: -1 }, limit: 20 }));
      expectIndexed(store.explainQueryPlan('complaints', { dealerId: 'd3', openedAt: { $gte: '2024-01-05' } }, { sort: { openedAt: -1 } }));
      expectIndexed(store.explainQueryPlan('complaints', { dealerId: 'd3' }, { sort: { openedAt: 1 } }));
      expectIndexed(store.explainQueryPlan('complaints', { dealerId: 'd3' }, { sort: { dealerId: 1, openedAt: -1 } }));
      expectIndexed(store.explainQueryPlan('complaints', { status: 'open' }, { sort: { _id: 1 } }));
      expectIndexed(store.explainQueryPlan('complaints', { status: { $in: ['open', 'escalated'] } }));
      expectIndexed(store.explainQueryPlan('complaints', { 'customer.email': 'p7@example.com' }));
      expectIndexed(store.explainQueryPlan('complaints', { _id: { $in: ['c001', 'c002'] } }));
      expectIndexed(store.explainQueryPlan('complaints', { dealerId: 'd3', status: 'open' }));
    });

    it('walks an index in order for a sort without a filter', () => {
      expectIndexed(store.explainQueryPlan('complaints', {}, { sort: { dealerId: 1, openedAt: -1 }, limit: 20 }), false);
      expectIndexed(store.explainQueryPlan('complaints', {}, { sort: { dealerId: -1, openedAt: 1 }, limit: 20 }), false);
    });

    it('answers every segment of a findPage continuation with an index range, not OFFSET', async () => {
      const c = store.collection('complaints');
      const first = await c.findPage({ dealerId: 'd3' }, { sort: { openedAt: -1 }, limit: 10 });
      const plans = store.explainQueryPlan('complaints', { dealerId: 'd3' }, { sort: { openedAt: -1 }, limit: 10, cursor: first.nextCursor! });
      expectIndexed(plans);
      expect(plans.flat().join('\n')).toMatch(/<expr>=\? AND <expr><\?/);
      const byStatus = await c.findPage({ status: 'open' }, { limit: 10 });
      expectIndexed(store.explainQueryPlan('complaints', { status: 'open' }, { limit: 10, cursor: byStatus.nextCursor! }));
    });

    it('scans for a filter on a field without an index (the check above can fail)', () => {
      expect(store.explainQueryPlan('complaints', { 'customer.name': 'x' }).flat().join('\n')).toMatch(/^SCAN /m);
    });
  });

  describe('connections and transactions', () => {
    it('shows another connection only committed data', async () => {
      const writer = openStore();
      const reader = openStore();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await writer.collection('c').insertOne({ _id: 'before' });
      const tx = writer.transaction(async () => {
        await writer.collection('c').insertOne({ _id: 'inside' });
        await held;
      });
      await tick();
      expect(ids(await reader.collection('c').find({}))).toEqual(['before']);
      release();
      await tx;
      expect(ids(await reader.collection('c').find({}, { sort: { _id: 1 } }))).toEqual(['before', 'inside']);
    });

    it('learns from another connection that a field now holds arrays', async () => {
      const writer = openStore();
      const reader = openStore();
      await writer.collection('c').insertOne({ _id: 'a', tag: 'vip' });
      expect(ids(await reader.collection('c').find({ tag: 'vip' }))).toEqual(['a']);
      await writer.collection('c').insertOne({ _id: 'b', tag: ['new', 'vip'] });
      expect(ids(await reader.collection('c').find({ tag: 'vip' }, { sort: { _id: 1 } }))).toEqual(['a', 'b']);
    });

    it('makes other callers of the same store wait for an open transaction instead of joining it', async () => {
      const store = openStore();
      const c = store.collection('c');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const tx = store.transaction(async () => {
        await c.insertOne({ _id: 'in-tx' });
        await held;
        throw new Error('roll back');
      });
      await tick();
      let counted: number | undefined;
      const read = c.count().then((n) => (counted = n));
      const write = c.insertOne({ _id: 'outside' });
      await tick();
      expect(counted).toBeUndefined();
      release();
      await expect(tx).rejects.toThrow('roll back');
      await Promise.all([read, write]);
      expect(counted).toBe(0);
      expect(ids(await c.find({}))).toEqual(['outside']);
    });

    it('runs concurrent transactions of one store one after the other', async () => {
      const store = openStore();
      const c = store.collection('c');
      const work = (name: string, fail: boolean) =>
        store.transaction(async () => {
          await c.insertOne({ _id: `${name}-1` });
          await tick();
          await c.insertOne({ _id: `${name}-2` });
          if (fail) throw new Error(`${name} failed`);
        });
      const results = await Promise.allSettled([work('a', false), work('b', true), work('c', false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(ids(await c.find({}, { sort: { _id: 1 } }))).toEqual(['a-1', 'a-2', 'c-1', 'c-2']);
    });

    it('undoes only a nested transaction whose failure the outer work catches (savepoint)', async () => {
      const store = openStore();
      const c = store.collection('c');
      await store.transaction(async () => {
        await c.insertOne({ _id: 'outer' });
        await store
          .transaction(async () => {
            await c.insertOne({ _id: 'inner' });
            throw new Error('inner failed');
          })
          .catch(() => undefined);
        await c.insertOne({ _id: 'after' });
      });
      expect(ids(await c.find({}, { sort: { _id: 1 } }))).toEqual(['after', 'outer']);
    });

    it('keeps a collection created inside a rolled-back transaction usable', async () => {
      const store = openStore();
      const c = store.collection('created_in_tx');
      await expect(
        store.transaction(async () => {
          await c.insertOne({ _id: 'x' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow();
      expect(await store.listCollections()).not.toContain('created_in_tx');
      await c.insertOne({ _id: 'y' });
      expect(ids(await c.find({}))).toEqual(['y']);
    });
  });
});
