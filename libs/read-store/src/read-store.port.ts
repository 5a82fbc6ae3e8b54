/**
 * A MongoDB-shaped store for read models (ARCHITECTURE.md "Read side"). The sqlite
 * adapter answers the same filters and updates as MongoDB, so projections and
 * queries are written once.
 */
export type Doc = { _id: string } & Record<string, unknown>;

/** `$eq $ne $in $nin $gt $gte $lt $lte $exists $and $or` on dotted paths. */
export type Filter = Record<string, unknown>;

/** `$set $setOnInsert $inc $push $pull $unset`. */
export type Update = {
  $set?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
};

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
}

export interface PageOptions {
  /** Sort keys; `_id` is appended as the tie-breaker so the order is total. */
  sort?: SortSpec;
  limit: number;
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** null on the last page. */
  nextCursor: string | null;
}

export interface WriteResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  name?: string;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  /** Throws DuplicateKeyError on an existing _id or unique index violation. */
  insertOne(doc: T): Promise<void>;
  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult>;
  updateMany(filter: Filter, update: Update): Promise<WriteResult>;
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>;
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  /** Keyset (cursor) paging: stable under concurrent inserts. */
  findPage(filter: Filter, options: PageOptions): Promise<Page<T>>;
  count(filter?: Filter): Promise<number>;
  /** Idempotent. Filters and sorts on indexed fields must not scan the collection. */
  createIndex(spec: IndexSpec): Promise<void>;
  drop(): Promise<void>;
}

export interface ReadStore {
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  listCollections(): Promise<string[]>;
  /**
   * Runs `work` so that all its writes commit together or not at all (sqlite: one
   * transaction on this store's connection; the projection runner commits a
   * batch's writes and its checkpoint this way). `supportsTransactions` is false
   * where the adapter cannot (MongoDB without a replica set session): callers then
   * rely on position guards for exactly-once effects.
   */
  transaction<R>(work: () => Promise<R>): Promise<R>;
  readonly supportsTransactions: boolean;
  /**
   * After personal data was erased (docs/personal-data.md): leaves no copy of
   * deleted or overwritten documents in the store's files. sqlite zeroes freed
   * space as it goes (`secure_delete`) and here checkpoints the WAL into the file
   * and truncates it; true when that completed (false: a reader held the WAL,
   * try again). Adapters without such files (MongoDB) do not implement it.
   */
  scrub?(): Promise<boolean>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');

export class DuplicateKeyError extends Error {
  readonly code = 'READ_STORE.DUPLICATE_KEY';
  constructor(readonly collection: string, readonly key: string) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}
