import { AsyncLocalStorage } from 'async_hooks';
// Types only: the driver is loaded by connect(), so the embedded deployment,
// which imports this library too, never loads it.
import type {
  ClientSession,
  Collection as DriverCollection,
  Db,
  Document,
  Filter as DriverFilter,
  FindOptions as DriverFindOptions,
  MongoClient,
  Sort,
  UpdateFilter,
} from 'mongodb';
import { uuidv7 } from '@aftercare/kernel';
import {
  Collection,
  Doc,
  DuplicateKeyError,
  Filter,
  FindOptions,
  IndexSpec,
  Page,
  PageOptions,
  ReadStore,
  Update,
  WriteResult,
} from '../read-store.port';
import { getAt, isPlainObject, splitPath } from '../document/field-path.accessor';
import { seedFromFilter } from '../document/update.applier';
import { decodeCursor, encodeCursor, Segment, segmentsAfter, SortKey, totalOrder } from '../paging/keyset-paging.planner';

export interface MongoReadStoreOptions {
  /** `mongodb://…` or `mongodb+srv://…`. */
  url: string;
  /** Default: the database named in the URL's path, else "aftercare". */
  dbName?: string;
}

/** The port's documents: `_id` is always a string. */
type Stored = Document & { _id: string };

const NAMESPACE_NOT_FOUND = 26;
const DUPLICATE_KEY = 11000;

/**
 * The scale-out read-model store (ARCHITECTURE.md "Read side") on the official
 * driver. Filters and updates pass through, since they are MongoDB's own; what
 * this adapter adds is the port's shape: string `_id`s (an upsert without one
 * gets a UUID v7, not an ObjectId), keyset paging with the sqlite adapter's total
 * order, DuplicateKeyError, and JSON values (a Date becomes its ISO string, as it
 * does in the sqlite adapter's JSON documents).
 *
 * Transactions need a replica set (or mongos); on a standalone server
 * `supportsTransactions` is false and `transaction()` just runs its work, and the
 * projection runner guards each write with the event's position instead.
 */
export class MongoReadStore implements ReadStore {
  private readonly collections = new Map<string, MongoCollection<Doc>>();
  private readonly context = new AsyncLocalStorage<ClientSession>();

  private constructor(
    private readonly db: Db,
    readonly supportsTransactions: boolean,
    private readonly ownedClient: MongoClient | undefined,
  ) {}

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    const { MongoClient } = await import('mongodb');
    // ignoreUndefined: an undefined field is left out, as JSON.stringify does in the sqlite adapter.
    const client = new MongoClient(options.url, { ignoreUndefined: true });
    await client.connect();
    try {
      return await MongoReadStore.create(client.db(options.dbName ?? databaseInUrl(options.url) ?? 'aftercare'), client);
    } catch (err) {
      await client.close();
      throw err;
    }
  }

  /** Over a database whose client the caller owns: close() leaves the client open. */
  static fromDb(db: Db): Promise<MongoReadStore> {
    return MongoReadStore.create(db, undefined);
  }

  private static async create(db: Db, ownedClient: MongoClient | undefined): Promise<MongoReadStore> {
    const hello = await db.command({ hello: 1 });
    const transactional = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    return new MongoReadStore(db, transactional, ownedClient);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MongoCollection(this.db.collection<Stored>(name), () => this.context.getStore());
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async listCollections(): Promise<string[]> {
    const found = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return found
      .map((c) => c.name)
      .filter((name) => !name.startsWith('system.'))
      .sort();
  }

  /**
   * A session transaction carried to every collection call of `work` through
   * AsyncLocalStorage (the port's methods take no session). Nested calls join
   * the outer transaction. No automatic retry: the caller (the projection runner)
   * retries its batch, which is safe because nothing was committed.
   */
  async transaction<R>(work: () => Promise<R>): Promise<R> {
    if (!this.supportsTransactions || this.context.getStore() !== undefined) return work();
    const session = this.db.client.startSession();
    try {
      session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
      const result = await this.context.run(session, work);
      await session.commitTransaction();
      return result;
    } catch (err) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      throw err;
    } finally {
      await session.endSession();
    }
  }

  async close(): Promise<void> {
    await this.ownedClient?.close();
  }
}

class MongoCollection<T extends Doc> implements Collection<T> {
  readonly name: string;

  constructor(
    private readonly inner: DriverCollection<Stored>,
    private readonly session: () => ClientSession | undefined,
  ) {
    this.name = inner.collectionName;
  }

  async insertOne(doc: T): Promise<void> {
    await this.writing(() => this.inner.insertOne(json(doc) as Stored, { session: this.session() }));
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult> {
    const replacement = json(doc) as Stored;
    const session = this.session();
    const upsert = options?.upsert === true;
    if (upsert && replacement._id === undefined && seedFromFilter(filter)._id === undefined) {
      // MongoDB would make an ObjectId; a replacement cannot carry a new _id for a
      // document it matches, so the string _id goes in on a separate insert.
      const replaced = await this.replaceOne(filter, doc);
      if (replaced.matchedCount > 0) return replaced;
      const _id = uuidv7();
      await this.writing(() => this.inner.insertOne({ ...replacement, _id }, { session }));
      return { matchedCount: 0, modifiedCount: 0, upsertedId: _id };
    }
    const result = await this.writing(() => this.inner.replaceOne(driverFilter(filter), replacement, { upsert, session }));
    return writeResult(result);
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult> {
    const upsert = options?.upsert === true;
    const result = await this.writing(() =>
      this.inner.updateOne(driverFilter(filter), driverUpdate(upsert ? withStringId(filter, update) : update), { upsert, session: this.session() }),
    );
    return writeResult(result);
  }

  async updateMany(filter: Filter, update: Update): Promise<WriteResult> {
    const result = await this.writing(() => this.inner.updateMany(driverFilter(filter), driverUpdate(update), { session: this.session() }));
    return writeResult(result);
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    const result = await this.inner.deleteOne(driverFilter(filter), { session: this.session() });
    return { deletedCount: result.deletedCount };
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    const result = await this.inner.deleteMany(driverFilter(filter), { session: this.session() });
    return { deletedCount: result.deletedCount };
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.inner.findOne(driverFilter(filter), { session: this.session() })) as unknown as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const { limit = 0, skip = 0 } = options;
    if (!Number.isInteger(limit) || limit < 0) throw new Error('limit must be a non-negative integer (0: no limit)');
    if (!Number.isInteger(skip) || skip < 0) throw new Error('skip must be a non-negative integer');
    const driverOptions: DriverFindOptions = { session: this.session() };
    // The same total order as the sqlite adapter: `_id` breaks ties.
    if (options.sort) driverOptions.sort = driverSort(totalOrder(options.sort));
    if (skip > 0) driverOptions.skip = skip;
    if (limit > 0) driverOptions.limit = limit;
    return (await this.inner.find(driverFilter(filter), driverOptions).toArray()) as unknown as T[];
  }

  async findPage(filter: Filter, options: PageOptions): Promise<Page<T>> {
    const { limit } = options;
    if (!Number.isInteger(limit) || limit < 1) throw new Error('findPage needs a positive integer limit');
    const keys = totalOrder(options.sort);
    let query = driverFilter(filter);
    if (options.cursor) {
      const after = segmentsAfter(keys, decodeCursor(keys, options.cursor)).map(segmentFilter);
      query = { $and: [query, after.length > 0 ? { $or: after } : { _id: { $in: [] } }] };
    }
    // One more than asked tells whether there is a next page.
    const docs = (await this.inner.find(query, { sort: driverSort(keys), limit: limit + 1, session: this.session() }).toArray()) as unknown as T[];
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = docs.length > limit ? encodeCursor(keys, keys.map((k) => getAt(last, splitPath(k.path)) ?? null)) : null;
    return { items, nextCursor };
  }

  count(filter: Filter = {}): Promise<number> {
    return this.inner.countDocuments(driverFilter(filter), { session: this.session() });
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const fields = Object.keys(spec.fields ?? {});
    if (fields.length === 0) throw new Error('an index needs at least one field');
    // The implicit _id index; MongoDB refuses `unique` on it.
    if (fields.length === 1 && fields[0] === '_id') return;
    await this.writing(() => this.inner.createIndex(spec.fields, { unique: spec.unique ?? false, ...(spec.name ? { name: spec.name } : {}) }));
  }

  async drop(): Promise<void> {
    try {
      await this.inner.drop();
    } catch (err) {
      if ((err as { code?: unknown }).code !== NAMESPACE_NOT_FOUND) throw err;
    }
  }

  /** The driver's E11000 as the port's DuplicateKeyError, naming the key from keyValue. */
  private async writing<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      const e = err as { code?: unknown; keyValue?: unknown; errmsg?: unknown };
      if (e.code !== DUPLICATE_KEY) throw err;
      const index = typeof e.errmsg === 'string' ? / index: (\S+)/.exec(e.errmsg)?.[1] : undefined;
      const key = e.keyValue === undefined ? '' : JSON.stringify(e.keyValue);
      throw new DuplicateKeyError(this.name, [index === '_id_' ? undefined : index, key].filter(Boolean).join(' ') || 'unique index');
    }
  }
}

function writeResult(result: { matchedCount: number; modifiedCount: number; upsertedId: unknown }): WriteResult {
  return {
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedId: result.upsertedId === null || result.upsertedId === undefined ? null : String(result.upsertedId),
  };
}

/** An upsert whose filter fixes no `_id` inserts a UUID v7, keeping `_id` a string. */
function withStringId(filter: Filter, update: Update): Update {
  if (seedFromFilter(filter)._id !== undefined || update.$set?._id !== undefined || update.$setOnInsert?._id !== undefined) return update;
  return { ...update, $setOnInsert: { ...update.$setOnInsert, _id: uuidv7() } };
}

function driverSort(keys: SortKey[]): Sort {
  return Object.fromEntries(keys.map((k) => [k.path, k.dir])) as Sort;
}

function segmentFilter(segment: Segment): Document {
  const terms: Document[] = segment.equal.map(({ path, value }) => ({ [path]: value }));
  const { bound } = segment;
  terms.push({
    [segment.path]: bound.kind === 'gt' ? { $gt: bound.value } : bound.kind === 'lt' ? { $lt: bound.value } : bound.kind === 'notNull' ? { $ne: null } : null,
  });
  return terms.length === 1 ? terms[0] : { $and: terms };
}

function driverFilter(filter: Filter): DriverFilter<Stored> {
  return json(filter) as DriverFilter<Stored>;
}

function driverUpdate(update: Update): UpdateFilter<Stored> {
  return json(update) as UpdateFilter<Stored>;
}

/** Dates as ISO strings, deep; returns the value itself when it holds none, so the common case copies nothing. */
function json<V>(value: V): V {
  if (value instanceof Date) return value.toISOString() as V;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((element, i) => {
      const converted = json(element);
      if (converted !== element) (copy ??= [...value])[i] = converted;
    });
    return (copy ?? value) as V;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const converted = json(value[key]);
      if (converted !== value[key]) (copy ??= { ...value })[key] = converted;
    }
    return (copy ?? value) as V;
  }
  return value;
}

function databaseInUrl(url: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
