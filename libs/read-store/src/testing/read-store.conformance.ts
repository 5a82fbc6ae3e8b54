import { Collection, Doc, DuplicateKeyError, Filter, ReadStore, SortSpec } from '../read-store.port';

/**
 * The one test suite every ReadStore adapter must pass (ARCHITECTURE.md: every
 * port has one conformance suite). It pins the MongoDB semantics projections and
 * queries rely on, so a read model behaves the same on the embedded sqlite store
 * and on MongoDB. Imported by the adapters' *.int-spec.ts runners only.
 */
export interface ReadStoreHarness {
  store: ReadStore;
  cleanup: () => Promise<void>;
}

type Person = Doc & Record<string, unknown>;

const PEOPLE: Person[] = [
  {
    _id: 'a',
    name: 'Ann',
    age: 30,
    city: 'Oslo',
    tags: ['vip', 'new'],
    address: { zip: '0150', geo: { lat: 59 } },
    since: '2024-01-15T10:00:00.000Z',
    active: true,
    score: 1,
    items: [
      { sku: 'x', qty: 2 },
      { sku: 'y', qty: 5 },
    ],
  },
  {
    _id: 'b',
    name: 'Bob',
    age: 25,
    city: 'Bergen',
    tags: ['new'],
    address: { zip: '5003' },
    since: '2023-06-01T00:00:00.000Z',
    active: false,
    score: 0,
    items: [{ sku: 'y', qty: 1 }],
  },
  { _id: 'c', name: 'Cid', age: '40', city: null, tags: [], since: '2024-03-01T00:00:00.000Z', active: 1, score: 2.5 },
  { _id: 'd', name: 'Dag', age: 35, tags: 'vip', address: { zip: '0150', geo: { lat: 60 } }, nested: { obj: { k: 1 } } },
  { _id: 'e', name: 'Eve', city: 'Oslo', active: true, score: 1 },
];

export function describeReadStoreConformance(adapterName: string, factory: () => Promise<ReadStoreHarness>): void {
  describe(`ReadStore conformance: ${adapterName}`, () => {
    let harness: ReadStoreHarness | undefined;
    let store: ReadStore;
    let counter = 0;
    const run = Date.now().toString(36);
    const fresh = <T extends Doc = Person>(): Collection<T> => store.collection<T>(`conformance_${run}_${counter++}`);
    const ids = (docs: Doc[]) => docs.map((d) => d._id);
    const seed = async <T extends Doc>(collection: Collection<T>, docs: T[]) => {
      for (const doc of docs) await collection.insertOne(structuredClone(doc));
    };

    beforeAll(async () => {
      harness = await factory();
      store = harness.store;
    });

    afterAll(async () => {
      await harness?.cleanup();
    });

    describe('filters', () => {
      let people: Collection<Person>;
      const match = async (filter: Filter) => ids(await people.find(filter, { sort: { _id: 1 } }));

      beforeAll(async () => {
        people = fresh();
        await seed(people, PEOPLE);
      });

      it('matches implicit and explicit equality, also on several fields', async () => {
        expect(await match({ city: 'Oslo' })).toEqual(['a', 'e']);
        expect(await match({ name: { $eq: 'Bob' } })).toEqual(['b']);
        expect(await match({ city: 'Oslo', active: true })).toEqual(['a', 'e']);
        expect(await match({ _id: 'c' })).toEqual(['c']);
        expect(await match({})).toEqual(['a', 'b', 'c', 'd', 'e']);
      });

      it('follows dotted paths into embedded documents', async () => {
        expect(await match({ 'address.zip': '0150' })).toEqual(['a', 'd']);
        expect(await match({ 'address.geo.lat': { $gte: 60 } })).toEqual(['d']);
        expect(await match({ 'address.geo.lat': { $lt: 60 } })).toEqual(['a']);
      });

      it('matches null against null and missing fields', async () => {
        expect(await match({ city: null })).toEqual(['c', 'd']);
        expect(await match({ city: { $ne: null } })).toEqual(['a', 'b', 'e']);
        expect(await match({ 'address.geo': null })).toEqual(['b', 'c', 'e']);
      });

      it('lets $ne and $nin match documents missing the field', async () => {
        expect(await match({ age: { $ne: 30 } })).toEqual(['b', 'c', 'd', 'e']);
        expect(await match({ city: { $nin: ['Oslo'] } })).toEqual(['b', 'c', 'd']);
        expect(await match({ city: { $nin: ['Oslo', null] } })).toEqual(['b']);
      });

      it('matches $in, including null and _id lists', async () => {
        expect(await match({ city: { $in: ['Oslo', 'Bergen'] } })).toEqual(['a', 'b', 'e']);
        expect(await match({ city: { $in: [null, 'Bergen'] } })).toEqual(['b', 'c', 'd']);
        expect(await match({ _id: { $in: ['a', 'c', 'zz'] } })).toEqual(['a', 'c']);
        expect(await match({ age: { $in: [] } })).toEqual([]);
        expect(await match({ score: { $in: [0, 2.5] } })).toEqual(['b', 'c']);
      });

      it('compares only values of the same type: numbers with numbers, strings with strings', async () => {
        expect(await match({ age: { $gt: 26 } })).toEqual(['a', 'd']);
        expect(await match({ age: { $lt: 100 } })).toEqual(['a', 'b', 'd']);
        expect(await match({ age: { $lte: 30, $gte: 25 } })).toEqual(['a', 'b']);
        expect(await match({ age: { $gte: '3' } })).toEqual(['c']);
        expect(await match({ score: { $gt: 0.5 } })).toEqual(['a', 'c', 'e']);
        expect(await match({ _id: { $gt: 'b', $lte: 'd' } })).toEqual(['c', 'd']);
      });

      it('compares ISO date strings as strings, and a Date as its ISO string', async () => {
        expect(await match({ since: { $gte: '2024-01-01T00:00:00.000Z' } })).toEqual(['a', 'c']);
        expect(await match({ since: { $gte: '2024-01-01', $lt: '2024-02-01' } })).toEqual(['a']);
        expect(await match({ since: { $lt: '2024' } })).toEqual(['b']);
        expect(await match({ since: { $gt: new Date('2024-02-01T00:00:00.000Z') } })).toEqual(['c']);
      });

      it('tells booleans from the numbers 1 and 0', async () => {
        expect(await match({ active: true })).toEqual(['a', 'e']);
        expect(await match({ active: false })).toEqual(['b']);
        expect(await match({ active: 1 })).toEqual(['c']);
        expect(await match({ score: 1 })).toEqual(['a', 'e']);
        expect(await match({ score: 0 })).toEqual(['b']);
        expect(await match({ active: { $in: [true, 1] } })).toEqual(['a', 'c', 'e']);
      });

      it('matches $exists on present (even null) and missing fields', async () => {
        expect(await match({ age: { $exists: true } })).toEqual(['a', 'b', 'c', 'd']);
        expect(await match({ age: { $exists: false } })).toEqual(['e']);
        expect(await match({ city: { $exists: true } })).toEqual(['a', 'b', 'c', 'e']);
        expect(await match({ 'address.geo': { $exists: true } })).toEqual(['a', 'd']);
      });

      it('combines $and and $or, nested and beside fields', async () => {
        expect(await match({ $or: [{ city: 'Bergen' }, { age: { $gte: 35 } }] })).toEqual(['b', 'd']);
        expect(await match({ $and: [{ city: 'Oslo' }, { $or: [{ age: 30 }, { age: { $exists: false } }] }] })).toEqual(['a', 'e']);
        expect(await match({ active: true, $or: [{ score: { $gt: 5 } }, { name: 'Eve' }] })).toEqual(['e']);
        expect(await match({ $and: [{ age: { $gte: 25 } }, { age: { $lte: 30 } }], $or: [{ city: 'Oslo' }, { city: 'Bergen' }] })).toEqual(['a', 'b']);
      });

      it('matches an array field when any element matches', async () => {
        expect(await match({ tags: 'vip' })).toEqual(['a', 'd']);
        expect(await match({ tags: { $in: ['new'] } })).toEqual(['a', 'b']);
        expect(await match({ tags: { $ne: 'vip' } })).toEqual(['b', 'c', 'e']);
        expect(await match({ tags: { $nin: ['vip', 'new'] } })).toEqual(['c', 'e']);
        expect(await match({ tags: ['vip', 'new'] })).toEqual(['a']);
        expect(await match({ tags: [] })).toEqual(['c']);
        expect(await match({ tags: { $exists: true } })).toEqual(['a', 'b', 'c', 'd']);
      });

      it('follows dotted paths into arrays of documents', async () => {
        expect(await match({ 'items.sku': 'y' })).toEqual(['a', 'b']);
        expect(await match({ 'items.qty': { $gt: 4 } })).toEqual(['a']);
        expect(await match({ 'items.sku': { $ne: 'x' } })).toEqual(['b', 'c', 'd', 'e']);
        expect(await match({ 'items.sku': { $in: ['x', 'z'] } })).toEqual(['a']);
      });

      it('compares embedded documents as whole values', async () => {
        expect(await match({ nested: { obj: { k: 1 } } })).toEqual(['d']);
        expect(await match({ 'nested.obj': { k: 1 } })).toEqual(['d']);
        expect(await match({ 'nested.obj': { k: 2 } })).toEqual([]);
      });

      it('does not confuse a string that looks like JSON with an array', async () => {
        expect(await match({ tags: '["new"]' })).toEqual([]);
      });

      it('counts with and without a filter, and finds one document as stored', async () => {
        expect(await people.count()).toBe(5);
        expect(await people.count({ city: 'Oslo' })).toBe(2);
        expect(await people.count({ tags: 'vip' })).toBe(2);
        expect(await people.findOne({ _id: 'a' })).toEqual(PEOPLE[0]);
        expect(await people.findOne({ name: 'Dag' })).toEqual(PEOPLE[3]);
        expect(await people.findOne({ name: 'Nobody' })).toBeNull();
      });

      it('rejects an unknown operator', async () => {
        await expect(people.find({ age: { $notAnOperator: 1 } })).rejects.toThrow();
      });
    });

    describe('inserts, updates, deletes', () => {
      it('rejects a second insert of the same _id with DuplicateKeyError', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', v: 1 });
        const err = await c.insertOne({ _id: 'x', v: 2 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect((err as DuplicateKeyError).code).toBe('READ_STORE.DUPLICATE_KEY');
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', v: 1 });
      });

      it('applies $set on dotted paths, creating embedded documents, $unset and $inc', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', a: { b: 1 }, gone: true, n: 5 });
        const result = await c.updateOne({ _id: 'x' }, { $set: { 'a.c': 2, 'd.e.f': 'deep' }, $unset: { gone: '' }, $inc: { n: 2, fresh: 3, 'a.b': -1 } });
        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', a: { b: 0, c: 2 }, d: { e: { f: 'deep' } }, n: 7, fresh: 3 });
      });

      it('reports a no-op update as matched but not modified, and a miss as neither', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', v: 1 });
        expect(await c.updateOne({ _id: 'x' }, { $set: { v: 1 } })).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedId: null });
        expect(await c.updateOne({ _id: 'y' }, { $set: { v: 1 } })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
        expect(await c.updateOne({ v: 2 }, { $set: { v: 3 } })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
        expect(await c.count()).toBe(1);
      });

      it('updates the first document matching a filter on other fields', async () => {
        const c = fresh();
        await seed(c, [
          { _id: 'a', g: 1, v: 0 },
          { _id: 'b', g: 2, v: 0 },
        ]);
        expect(await c.updateOne({ g: 2 }, { $inc: { v: 1 } })).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(ids(await c.find({ v: 1 }))).toEqual(['b']);
      });

      it('applies $push, with $each, creating the array when missing', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', list: [1] });
        await c.updateOne({ _id: 'x' }, { $push: { list: 2, other: 'a' } });
        await c.updateOne({ _id: 'x' }, { $push: { list: { $each: [3, 4] }, objs: { k: 1 } } });
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', list: [1, 2, 3, 4], other: ['a'], objs: [{ k: 1 }] });
        await expect(c.updateOne({ _id: 'x' }, { $push: { _id: 1 } })).rejects.toThrow();
      });

      it('applies $pull by value, by condition and by document condition', async () => {
        const c = fresh();
        await c.insertOne({
          _id: 'x',
          tags: ['a', 'b', 'a', 'c'],
          scores: [3, 6, 9, 5],
          items: [
            { sku: 'p', qty: 1 },
            { sku: 'q', qty: 2 },
            { sku: 'p', qty: 3 },
          ],
        });
        await c.updateOne({ _id: 'x' }, { $pull: { tags: 'a', scores: { $gte: 6 }, items: { sku: 'p', qty: { $gt: 1 } } } });
        expect(await c.findOne({ _id: 'x' })).toEqual({
          _id: 'x',
          tags: ['b', 'c'],
          scores: [3, 5],
          items: [
            { sku: 'p', qty: 1 },
            { sku: 'q', qty: 2 },
          ],
        });
        expect(await c.updateOne({ _id: 'x' }, { $pull: { tags: 'zz', missing: 'a' } })).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedId: null });
      });

      it('keeps filters array-aware for a field that became an array through an update', async () => {
        const c = fresh();
        await seed(c, [
          { _id: 'a', labels: 'red' },
          { _id: 'b', labels: 'blue' },
        ]);
        expect(ids(await c.find({ labels: 'red' }, { sort: { _id: 1 } }))).toEqual(['a']);
        await c.updateOne({ _id: 'b' }, { $set: { labels: ['green', 'red'] } });
        await c.updateOne({ _id: 'c' }, { $push: { labels: 'red' } }, { upsert: true });
        expect(ids(await c.find({ labels: 'red' }, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'c']);
        expect(ids(await c.find({ labels: { $ne: 'red' } }, { sort: { _id: 1 } }))).toEqual([]);
        expect(await c.count({ labels: 'green' })).toBe(1);
      });

      it('refuses conflicting paths, $inc of a non-number and a change of _id', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', s: 'text', a: { b: 1 } });
        await expect(c.updateOne({ _id: 'x' }, { $set: { a: 1 }, $inc: { a: 1 } })).rejects.toThrow();
        await expect(c.updateOne({ _id: 'x' }, { $set: { 'a.b': 2, a: {} } })).rejects.toThrow();
        await expect(c.updateOne({ _id: 'x' }, { $inc: { s: 1 } })).rejects.toThrow();
        await expect(c.updateOne({ _id: 'x' }, { $set: { _id: 'y' } })).rejects.toThrow();
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', s: 'text', a: { b: 1 } });
      });

      it('upserts a document built from the filter equalities, $setOnInsert and the other operators', async () => {
        const c = fresh();
        const update = { $set: { x: 1 }, $setOnInsert: { created: '2024-05-01' }, $inc: { count: 2 }, $push: { log: 'a' } };
        const filter = { _id: 'u1', kind: 'k', 'meta.src': 'import', n: { $gt: 5 }, $or: [{ z: 1 }, { z: { $exists: false } }] };
        expect(await c.updateOne(filter, update, { upsert: true })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'u1' });
        expect(await c.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', kind: 'k', meta: { src: 'import' }, x: 1, created: '2024-05-01', count: 2, log: ['a'] });
        await c.updateOne({ _id: 'u1' }, { $set: { n: 6 } });
        expect(await c.updateOne(filter, { ...update, $setOnInsert: { created: 'never' } }, { upsert: true })).toEqual({
          matchedCount: 1,
          modifiedCount: 1,
          upsertedId: null,
        });
        expect(await c.findOne({ _id: 'u1' })).toMatchObject({ created: '2024-05-01', count: 4, log: ['a', 'a'] });
        expect(await c.count()).toBe(1);
      });

      it('upserts through an $and holding the guard of a projection write', async () => {
        const c = fresh();
        const guarded = (pos: number) => ({ _id: 'g', $and: [{ $or: [{ pos: { $exists: false } }, { pos: { $lt: pos } }] }] });
        expect((await c.updateOne(guarded(5), { $set: { pos: 5, v: 'first' } }, { upsert: true })).upsertedId).toBe('g');
        expect(await c.updateOne(guarded(7), { $set: { pos: 7, v: 'second' } }, { upsert: true })).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        const replay = await c.updateOne(guarded(6), { $set: { pos: 6, v: 'stale' } }, { upsert: true }).catch((e: unknown) => e);
        expect(replay).toBeInstanceOf(DuplicateKeyError);
        expect(await c.findOne({ _id: 'g' })).toEqual({ _id: 'g', pos: 7, v: 'second' });
      });

      it('gives an upsert without an _id in its filter a generated string _id', async () => {
        const c = fresh();
        const result = await c.updateOne({ email: 'a@example.com' }, { $set: { name: 'A' } }, { upsert: true });
        expect(typeof result.upsertedId).toBe('string');
        expect(await c.findOne({ _id: result.upsertedId! })).toEqual({ _id: result.upsertedId, email: 'a@example.com', name: 'A' });
      });

      it('updates every matching document with updateMany', async () => {
        const c = fresh();
        await seed(c, [
          { _id: 'a', g: 1, v: 1 },
          { _id: 'b', g: 1, v: 2 },
          { _id: 'c', g: 2, v: 1 },
          { _id: 'd', g: 1, v: 9 },
        ]);
        expect(await c.updateMany({ g: 1 }, { $set: { v: 9 } })).toEqual({ matchedCount: 3, modifiedCount: 2, upsertedId: null });
        expect(ids(await c.find({ v: 9 }, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'd']);
        expect(await c.updateMany({ g: 3 }, { $set: { v: 0 } })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
      });

      it('replaces a whole document, keeping its _id, and upserts a replacement', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', old: true, v: 1 });
        expect(await c.replaceOne({ v: 1 }, { _id: 'x', v: 2 })).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', v: 2 });
        expect(await c.replaceOne({ _id: 'x' }, { _id: 'x', v: 2 })).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedId: null });
        expect(await c.replaceOne({ _id: 'y' }, { _id: 'y', v: 3 })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
        expect(await c.replaceOne({ _id: 'y' }, { _id: 'y', v: 3 }, { upsert: true })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'y' });
        expect(await c.findOne({ _id: 'y' })).toEqual({ _id: 'y', v: 3 });
        await expect(c.replaceOne({ _id: 'x' }, { _id: 'other', v: 4 })).rejects.toThrow();
        expect(await c.count()).toBe(2);
      });

      it('deletes one or many matching documents', async () => {
        const c = fresh();
        await seed(c, [
          { _id: 'a', g: 1 },
          { _id: 'b', g: 1 },
          { _id: 'c', g: 2 },
          { _id: 'd', g: 2 },
          { _id: 'e', g: 3 },
        ]);
        expect(await c.deleteOne({ g: 1 })).toEqual({ deletedCount: 1 });
        expect(await c.count({ g: 1 })).toBe(1);
        expect(await c.deleteOne({ g: 9 })).toEqual({ deletedCount: 0 });
        expect(await c.deleteMany({ g: { $in: [1, 2] } })).toEqual({ deletedCount: 3 });
        expect(ids(await c.find({}))).toEqual(['e']);
        expect(await c.deleteMany({})).toEqual({ deletedCount: 1 });
        expect(await c.count()).toBe(0);
      });
    });

    describe('indexes', () => {
      it('enforces a unique index on insert, update and upsert with DuplicateKeyError', async () => {
        const c = fresh();
        await c.createIndex({ fields: { email: 1 }, unique: true });
        await c.createIndex({ fields: { email: 1 }, unique: true });
        await c.insertOne({ _id: 'a', email: 'a@x' });
        await c.insertOne({ _id: 'b', email: 'b@x' });
        await expect(c.insertOne({ _id: 'c', email: 'a@x' })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(c.updateOne({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(c.updateOne({ _id: 'c' }, { $set: { email: 'a@x' } }, { upsert: true })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(c.replaceOne({ _id: 'b' }, { _id: 'b', email: 'a@x' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', email: 'b@x' });
        expect(await c.count()).toBe(2);
      });

      it('enforces a compound unique index on the combination only', async () => {
        const c = fresh();
        await c.createIndex({ fields: { dealerId: 1, 'contact.email': 1 }, unique: true, name: 'dealer_email' });
        await c.insertOne({ _id: 'a', dealerId: 'd1', contact: { email: 'x' } });
        await c.insertOne({ _id: 'b', dealerId: 'd2', contact: { email: 'x' } });
        await expect(c.insertOne({ _id: 'c', dealerId: 'd1', contact: { email: 'x' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      });

      it('refuses to build a unique index over existing duplicates', async () => {
        const c = fresh();
        await seed(c, [
          { _id: 'a', k: 1 },
          { _id: 'b', k: 1 },
        ]);
        await expect(c.createIndex({ fields: { k: 1 }, unique: true })).rejects.toBeInstanceOf(DuplicateKeyError);
      });

      it('answers filters and sorts the same with secondary indexes', async () => {
        const c = fresh();
        await c.createIndex({ fields: { dealerId: 1, createdAt: -1 } });
        await c.createIndex({ fields: { status: 1 } });
        await c.createIndex({ fields: { tags: 1 } });
        await seed(c, [
          { _id: 'a', dealerId: 'd1', createdAt: '2024-01-01', status: 'open', tags: ['x'] },
          { _id: 'b', dealerId: 'd1', createdAt: '2024-03-01', status: 'closed', tags: 'x' },
          { _id: 'c', dealerId: 'd2', createdAt: '2024-02-01', status: 'open' },
          { _id: 'd', dealerId: 'd1', createdAt: '2024-02-01', status: 'open', tags: ['y', 'x'] },
        ]);
        expect(ids(await c.find({ dealerId: 'd1' }, { sort: { createdAt: -1 } }))).toEqual(['b', 'd', 'a']);
        expect(ids(await c.find({ dealerId: 'd1', createdAt: { $lt: '2024-03-01' } }, { sort: { createdAt: -1 } }))).toEqual(['d', 'a']);
        expect(ids(await c.find({ status: 'open' }, { sort: { _id: -1 } }))).toEqual(['d', 'c', 'a']);
        expect(ids(await c.find({ tags: 'x' }, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'd']);
      });
    });

    describe('find', () => {
      const docs: Person[] = [
        { _id: 'a', g: 'x', p: { n: 3 } },
        { _id: 'b', g: 'y', p: { n: 1 } },
        { _id: 'c', g: 'x', p: { n: 5 } },
        { _id: 'd', g: 'y', p: { n: 1 } },
        { _id: 'e', g: 'x' },
        { _id: 'f', g: 'x', p: { n: 3 } },
      ];
      let c: Collection<Person>;

      beforeAll(async () => {
        c = fresh();
        await seed(c, docs);
      });

      it('sorts on several keys and dotted paths, then skips and limits', async () => {
        expect(ids(await c.find({}, { sort: { g: 1, 'p.n': -1 } }))).toEqual(['c', 'f', 'a', 'e', 'd', 'b']);
        expect(ids(await c.find({}, { sort: { g: 1, 'p.n': -1 }, skip: 1, limit: 3 }))).toEqual(['f', 'a', 'e']);
        expect(ids(await c.find({ g: 'x' }, { sort: { 'p.n': 1 }, limit: 2 }))).toEqual(['e', 'a']);
        expect(ids(await c.find({}, { sort: { _id: -1 }, skip: 4 }))).toEqual(['b', 'a']);
      });

      it('breaks ties by _id in the direction of the last sort key, and puts missing values first ascending', async () => {
        expect(ids(await c.find({}, { sort: { 'p.n': 1 } }))).toEqual(['e', 'b', 'd', 'a', 'f', 'c']);
        expect(ids(await c.find({}, { sort: { 'p.n': -1 } }))).toEqual(['c', 'f', 'a', 'd', 'b', 'e']);
        expect(ids(await c.find({}, { sort: { g: -1 } }))).toEqual(['d', 'b', 'f', 'e', 'c', 'a']);
      });
    });

    describe('findPage', () => {
      type Row = Doc & { g?: string | null; n?: number | null; p?: { q: number } };
      const rows: Row[] = Array.from({ length: 24 }, (_, i) => {
        const row: Row = { _id: `r${String((i * 7) % 24).padStart(2, '0')}`, g: ['a', 'b', 'c'][i % 3], p: { q: i % 4 } };
        if (i % 5 === 1) row.n = null;
        else if (i % 5 !== 3) row.n = i % 6;
        if (i === 4) row.g = null;
        return row;
      });
      let c: Collection<Row>;

      /** The order the port promises: null/missing lowest, `_id` last in the last key's direction. */
      const expectedOrder = (docs: Row[], sort: SortSpec): string[] => {
        const keys = Object.entries(sort);
        const tie = keys.length > 0 ? keys[keys.length - 1][1] : 1;
        const value = (d: Row, path: string): string | number | null =>
          (path.split('.').reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), d) ?? null) as string | number | null;
        const compare = (x: string | number | null, y: string | number | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1);
        return [...docs]
          .sort((x, y) => {
            for (const [path, dir] of keys) {
              const order = compare(value(x, path), value(y, path));
              if (order !== 0) return order * dir;
            }
            return compare(x._id, y._id) * tie;
          })
          .map((d) => d._id);
      };

      const pageAll = async (collection: Collection<Row>, filter: Filter, sort: SortSpec | undefined, limit: number) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: { items: Row[]; nextCursor: string | null } = await collection.findPage(filter, { sort, limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
          seen.push(...ids(page.items));
          cursor = page.nextCursor;
          pages++;
          expect(pages).toBeLessThan(100);
        } while (cursor !== null);
        return seen;
      };

      beforeAll(async () => {
        c = fresh();
        await c.createIndex({ fields: { g: 1, n: -1 } });
        await c.createIndex({ fields: { n: 1 } });
        await seed(c, rows);
      });

      it.each([
        ['no sort', undefined, 5],
        ['one key ascending, with ties', { g: 1 }, 5],
        ['one key descending, with ties', { g: -1 }, 4],
        ['mixed directions', { g: 1, n: -1 }, 5],
        ['a key with nulls and missing values, ascending', { n: 1 }, 4],
        ['a key with nulls and missing values, descending', { n: -1 }, 5],
        ['a dotted key', { 'p.q': 1 }, 7],
        ['_id descending', { _id: -1 }, 24],
      ] as Array<[string, SortSpec | undefined, number]>)('pages through every item exactly once: %s', async (_name, sort, limit) => {
        expect(await pageAll(c, {}, sort, limit)).toEqual(expectedOrder(rows, sort ?? {}));
      });

      it('pages a filtered view', async () => {
        const filter = { g: 'a', n: { $ne: null } };
        const expected = expectedOrder(rows.filter((r) => r.g === 'a' && r.n !== undefined && r.n !== null), { n: -1 });
        expect(await pageAll(c, filter, { n: -1 }, 2)).toEqual(expected);
      });

      it('ends with a null cursor, also when the last page is exactly full', async () => {
        const first = await c.findPage({}, { limit: 24 });
        expect(first.items).toHaveLength(24);
        expect(first.nextCursor).toBeNull();
        const empty = await fresh<Row>().findPage({}, { limit: 3 });
        expect(empty).toEqual({ items: [], nextCursor: null });
      });

      it('stays stable when documents are inserted and deleted between pages', async () => {
        const d = fresh<Row>();
        await seed(d, [
          { _id: 'm1', n: 1 },
          { _id: 'm2', n: 2 },
          { _id: 'm3', n: 2 },
          { _id: 'm5', n: 3 },
          { _id: 'm6', n: 4 },
        ]);
        const first = await d.findPage({}, { sort: { n: 1 }, limit: 3 });
        expect(ids(first.items)).toEqual(['m1', 'm2', 'm3']);
        // Before the cursor: never shown. After it (also tying on n with a larger _id): shown once.
        await seed(d, [
          { _id: 'm0', n: -5 },
          { _id: 'm2a', n: 2 },
          { _id: 'm4', n: 2 },
          { _id: 'm9', n: 100 },
        ]);
        await d.deleteOne({ _id: 'm3' });
        const seen: string[] = [];
        let cursor = first.nextCursor;
        while (cursor) {
          const page = await d.findPage({}, { sort: { n: 1 }, limit: 2, cursor });
          seen.push(...ids(page.items));
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(['m4', 'm5', 'm6', 'm9']);
      });

      it('refuses a malformed cursor and a cursor made for another sort', async () => {
        const page = await c.findPage({}, { sort: { g: 1 }, limit: 2 });
        await expect(c.findPage({}, { sort: { n: 1 }, limit: 2, cursor: page.nextCursor })).rejects.toThrow(/cursor/);
        await expect(c.findPage({}, { sort: { g: 1 }, limit: 2, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
      });
    });

    describe('collections', () => {
      it('lists collections, drops them, and reads a missing one as empty', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x' });
        expect(await store.listCollections()).toContain(c.name);
        await c.drop();
        expect(await store.listCollections()).not.toContain(c.name);
        await c.drop();
        expect(await c.find({})).toEqual([]);
        expect(await c.count()).toBe(0);
        expect(await c.findOne({ _id: 'x' })).toBeNull();
        expect(await c.findPage({}, { limit: 5 })).toEqual({ items: [], nextCursor: null });
        expect(await c.updateOne({ _id: 'x' }, { $set: { v: 1 } })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
        expect(await c.deleteMany({})).toEqual({ deletedCount: 0 });
        await c.insertOne({ _id: 'y' });
        expect(await c.find({})).toEqual([{ _id: 'y' }]);
      });
    });

    describe('transactions', () => {
      it('commits the writes of its work together and returns its result', async () => {
        const c = fresh();
        const result = await store.transaction(async () => {
          await c.insertOne({ _id: 'a', v: 1 });
          await c.updateOne({ _id: 'b' }, { $set: { v: 2 } }, { upsert: true });
          expect(await c.count()).toBe(2);
          return 'done';
        });
        expect(result).toBe('done');
        expect(ids(await c.find({}, { sort: { _id: 1 } }))).toEqual(['a', 'b']);
      });

      it('rolls every write back when the work throws (where the adapter supports transactions)', async () => {
        const c = fresh();
        const other = fresh();
        await c.insertOne({ _id: 'kept', v: 0 });
        const failure = new Error('projection handler failed');
        await expect(
          store.transaction(async () => {
            await c.insertOne({ _id: 'a', v: 1 });
            await c.updateOne({ _id: 'kept' }, { $inc: { v: 1 } });
            await other.updateOne({ _id: 'checkpoint' }, { $set: { position: 42 } }, { upsert: true });
            throw failure;
          }),
        ).rejects.toBe(failure);
        if (store.supportsTransactions) {
          expect(ids(await c.find({}))).toEqual(['kept']);
          expect(await c.findOne({ _id: 'kept' })).toEqual({ _id: 'kept', v: 0 });
          expect(await other.count()).toBe(0);
        } else {
          // Documented: without transactions the work runs as is; callers rely on position guards.
          expect(await c.count()).toBe(2);
        }
      });

      it('lets a nested call join the outer transaction', async () => {
        const c = fresh();
        await store.transaction(async () => {
          await c.insertOne({ _id: 'outer' });
          await store.transaction(async () => c.insertOne({ _id: 'inner' }));
        });
        expect(ids(await c.find({}, { sort: { _id: 1 } }))).toEqual(['inner', 'outer']);
        if (!store.supportsTransactions) return;
        await expect(
          store.transaction(async () => {
            await c.insertOne({ _id: 'outer2' });
            await store.transaction(async () => c.insertOne({ _id: 'inner2' }));
            throw new Error('after the nested call');
          }),
        ).rejects.toThrow('after the nested call');
        expect(await c.count()).toBe(2);
      });
    });
  });
}
