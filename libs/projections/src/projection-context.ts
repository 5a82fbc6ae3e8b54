import type { Position } from '@aftercare/kernel';
import type { Collection, Doc, Filter, FindOptions, IndexSpec, Page, PageOptions, ReadStore, Update, WriteResult } from '@aftercare/read-store';
import type { ProjectionContext } from './projection';
import type { DeferredIndexes } from './deferred-indexes';
import { PositionGuardedCollection, WriteStamp } from './position-guarded-collection';

/** logical → physical names of the build a worker writes. */
export type CollectionMap = ReadonlyMap<string, string>;

function physicalOf(map: CollectionMap, projection: string, logical: string): string {
  const physical = map.get(logical);
  if (physical === undefined) {
    throw new Error(`projection ${projection} does not own a collection named "${logical}" (declare it in collections)`);
  }
  return physical;
}

/**
 * Transactional stores (sqlite): writes go straight to the build's collections,
 * and the batch's transaction gives exactly-once. One context serves every event.
 * While the build catches up, `indexes` holds its deferred secondary indexes,
 * created before the first statement that may need them.
 */
export class DirectProjectionContext implements ProjectionContext {
  private readonly cache = new Map<string, Collection<Doc>>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly projection: string,
    private readonly map: CollectionMap,
    private readonly indexes?: DeferredIndexes,
  ) {}

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let collection = this.cache.get(name);
    if (!collection) {
      collection = new UpsertCheckedCollection(this.readStore.collection(physicalOf(this.map, this.projection, name)), this.indexes);
      this.cache.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }
}

/** Non-transactional stores (MongoDB): a fresh context per event attempt, stamping its writes. */
export class GuardedProjectionContext implements ProjectionContext {
  private readonly stamp: WriteStamp;
  private readonly cache = new Map<string, Collection<Doc>>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly projection: string,
    private readonly map: CollectionMap,
    position: Position,
  ) {
    this.stamp = new WriteStamp(position);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let collection = this.cache.get(name);
    if (!collection) {
      collection = new PositionGuardedCollection(this.readStore.collection(physicalOf(this.map, this.projection, name)), this.stamp);
      this.cache.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }
}

/**
 * Holds projections on sqlite to the rule MongoDB's guards need (upserts by
 * `_id`), so a projection that passes its tests on the embedded store does not
 * fail on its first event in the scale-out deployment.
 */
class UpsertCheckedCollection<T extends Doc = Doc> implements Collection<T> {
  constructor(
    private readonly inner: Collection<T>,
    private readonly indexes?: DeferredIndexes,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  /** Runs `statement` once the deferred indexes it may need exist (at once when none are pending). */
  private indexed<R>(filter: Filter | undefined, statement: () => Promise<R>): Promise<R> {
    const pending = this.indexes?.before(this.inner.name, filter);
    return pending ? pending.then(statement) : statement();
  }

  insertOne(doc: T): Promise<void> {
    return this.inner.insertOne(doc);
  }

  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult> {
    if (options?.upsert && typeof (filter._id ?? doc._id) !== 'string') throw upsertError(this.inner.name);
    return this.indexed(filter, () => this.inner.replaceOne(filter, doc, options));
  }

  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult> {
    if (options?.upsert && typeof filter._id !== 'string') throw upsertError(this.inner.name);
    return this.indexed(filter, () => this.inner.updateOne(filter, update, options));
  }

  updateMany(filter: Filter, update: Update): Promise<WriteResult> {
    return this.indexed(filter, () => this.inner.updateMany(filter, update));
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.indexed(filter, () => this.inner.deleteOne(filter));
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.indexed(filter, () => this.inner.deleteMany(filter));
  }

  findOne(filter: Filter): Promise<T | null> {
    return this.indexed(filter, () => this.inner.findOne(filter));
  }

  find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return this.indexed(filter, () => this.inner.find(filter, options));
  }

  findPage(filter: Filter, options: PageOptions): Promise<Page<T>> {
    return this.indexed(filter, () => this.inner.findPage(filter, options));
  }

  count(filter?: Filter): Promise<number> {
    // A count of everything needs no index but is not a lookup by _id either: undefined counts as "may need them".
    return this.indexed(filter ?? {}, () => this.inner.count(filter));
  }

  createIndex(spec: IndexSpec): Promise<void> {
    return this.inner.createIndex(spec);
  }

  drop(): Promise<void> {
    return this.inner.drop();
  }
}

function upsertError(collection: string): Error {
  return new Error(`projection upsert into ${collection} must filter on a string _id (position guards need it)`);
}
