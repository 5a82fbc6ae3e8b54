import { AsyncResource } from 'async_hooks';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import { DuplicateKeyError, type Collection, type Doc, type ReadStore } from '../read-store.port';
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

// The whole suite again, every call made inside one open transaction of the
// store: reads and writes by _id then go through its document cache, which must
// answer exactly as the tables do (a projection batch runs like this).
describeReadStoreConformance('sqlite (inside one transaction)', async () => {
  const store = new SqliteReadStore({ file: ':memory:' });
  let commit!: () => void;
  let inside!: <R>(fn: () => R) => R;
  let entered!: () => void;
  const ready = new Promise<void>((resolve) => (entered = resolve));
  const transaction = store.transaction(async () => {
    inside = AsyncResource.bind(<R>(fn: () => R): R => fn());
    entered();
    await new Promise<void>((release) => (commit = release));
  });
  await ready;
  return {
    store: insideTransaction(store, inside),
    cleanup: async () => {
      commit();
      await transaction;
      await store.close();
    },
  };
});

// And with every call a transaction of its own: documents stay cached from one
// transaction to the next (as from one projection batch to the next).
describeReadStoreConformance('sqlite (every call its own transaction)', async () => {
  const store = new SqliteReadStore({ file: ':memory:' });
  return { store: wrapCalls(store, (fn) => store.transaction(fn)), cleanup: () => store.close() };
});

/** The store with every call run in the context of its open transaction. */
function insideTransaction(store: ReadStore, inside: <R>(fn: () => R) => R): ReadStore {
  return wrapCalls(store, inside);
}

/** The store with `around` wrapped around each of its calls (all of which return promises). */
function wrapCalls(store: ReadStore, around: (fn: () => Promise<unknown>) => Promise<unknown>): ReadStore {
  const collections = new Map<string, Collection<Doc>>();
  return {
    supportsTransactions: true,
    collection<T extends Doc>(name: string): Collection<T> {
      let wrapped = collections.get(name);
      if (!wrapped) {
        const inner = store.collection(name) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
        wrapped = new Proxy(inner, {
          get: (target, key) => (typeof target[key as string] === 'function' ? (...args: unknown[]) => around(() => target[key as string](...args)) : target[key as string]),
        }) as unknown as Collection<Doc>;
        collections.set(name, wrapped);
      }
      return wrapped as unknown as Collection<T>;
    },
    listCollections: () => around(() => store.listCollections()) as Promise<string[]>,
    transaction: <R>(work: () => Promise<R>) => around(() => store.transaction(work)) as Promise<R>,
    close: () => store.close(),
  };
}

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

    it('holds documents written by _id in a transaction until it commits, and shows them to reads by any filter', async () => {
      const store = openStore();
      const reader = openStore();
      const c = store.collection('counters');
      await c.insertOne({ _id: 'd1', visits: 0 });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const tx = store.transaction(async () => {
        for (let i = 0; i < 5; i++) await c.updateOne({ _id: 'd1' }, { $inc: { visits: 1 } });
        await c.updateOne({ _id: 'd2' }, { $set: { visits: 7 } }, { upsert: true });
        expect(await c.findOne({ _id: 'd1' })).toEqual({ _id: 'd1', visits: 5 });
        // Not by _id: the cached changes reach the table first.
        expect(ids(await c.find({ visits: { $gte: 5 } }, { sort: { _id: 1 } }))).toEqual(['d1', 'd2']);
        await c.updateMany({}, { $inc: { visits: 10 } });
        expect(await c.findOne({ _id: 'd2' })).toEqual({ _id: 'd2', visits: 17 });
        await c.updateOne({ _id: 'd1' }, { $inc: { visits: 1 } });
        await held;
      });
      await tick();
      expect(await reader.collection('counters').find({})).toEqual([{ _id: 'd1', visits: 0 }]);
      release();
      await tx;
      expect(await reader.collection('counters').find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'd1', visits: 16 },
        { _id: 'd2', visits: 17 },
      ]);
    });

    it('keeps documents cached from one transaction to the next only while nothing else writes them', async () => {
      const store = openStore();
      const other = openStore();
      const c = store.collection('c');
      const inc = () => store.transaction(() => c.updateOne({ _id: 'x' }, { $inc: { n: 1 } }, { upsert: true }));
      await inc();
      await other.collection('c').updateOne({ _id: 'x' }, { $inc: { n: 10 } });
      await inc();
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', n: 12 });
      // A write of the same store outside a transaction.
      await c.updateOne({ _id: 'x' }, { $inc: { n: 100 } });
      await inc();
      expect(await other.collection('c').findOne({ _id: 'x' })).toEqual({ _id: 'x', n: 113 });
      // A rolled-back transaction.
      await expect(
        store.transaction(async () => {
          await c.updateOne({ _id: 'x' }, { $inc: { n: 1000 } });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await inc();
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', n: 114 });
      // An _id cached as missing, then inserted outside a transaction.
      await store.transaction(async () => expect(await c.findOne({ _id: 'y' })).toBeNull());
      await c.insertOne({ _id: 'y' });
      await store.transaction(async () => {
        await expect(c.insertOne({ _id: 'y' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await c.findOne({ _id: 'y' })).toEqual({ _id: 'y' });
      });
    });

    it('keeps what a caller does with its objects after a call out of the cached documents', async () => {
      const store = openStore();
      const c = store.collection('c');
      const tags = ['a'];
      await store.transaction(async () => {
        await c.updateOne({ _id: 'x' }, { $set: { tags, n: 1 } }, { upsert: true });
        tags.push('b');
        const read = (await c.findOne({ _id: 'x' }))!;
        (read.tags as string[]).push('c');
        read.n = 99;
        await c.updateOne({ _id: 'x' }, { $inc: { n: 1 } });
      });
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', tags: ['a'], n: 2 });
    });

    it('undoes the cached changes of a nested transaction that fails, and keeps the outer ones', async () => {
      const store = openStore();
      const c = store.collection('c');
      await c.insertOne({ _id: 'x', n: 0 });
      await store.transaction(async () => {
        await c.updateOne({ _id: 'x' }, { $inc: { n: 1 } });
        await store
          .transaction(async () => {
            await c.updateOne({ _id: 'x' }, { $inc: { n: 10 } });
            await c.updateOne({ _id: 'y' }, { $set: { n: 5 } }, { upsert: true });
            throw new Error('inner failed');
          })
          .catch(() => undefined);
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', n: 1 });
        await c.updateOne({ _id: 'x' }, { $inc: { n: 100 } });
      });
      expect(await c.find({})).toEqual([{ _id: 'x', n: 101 }]);
    });

    it('reports a unique index violation from the write that makes it, inside a transaction too', async () => {
      const store = openStore();
      const c = store.collection('users');
      await c.createIndex({ fields: { email: 1 }, unique: true });
      await c.insertOne({ _id: 'a', email: 'a@x' });
      await store.transaction(async () => {
        await c.updateOne({ _id: 'b' }, { $set: { email: 'b@x' } }, { upsert: true });
        await expect(c.updateOne({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(c.insertOne({ _id: 'c', email: 'b@x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      });
      expect(await c.find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'a', email: 'a@x' },
        { _id: 'b', email: 'b@x' },
      ]);
    });

    it('writes every document of a transaction touching more than it keeps in memory', async () => {
      const store = openStore();
      const c = store.collection('many');
      const n = 25_000;
      await store.transaction(async () => {
        for (let i = 0; i < n; i++) await c.updateOne({ _id: `k${i}` }, { $inc: { n: 1 } }, { upsert: true });
        for (let i = 0; i < n; i += 1000) await c.updateOne({ _id: `k${i}` }, { $inc: { n: 1 } });
      });
      expect(await c.count()).toBe(n);
      expect(await c.count({ n: 2 })).toBe(n / 1000);
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
