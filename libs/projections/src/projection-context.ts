import type { Position } from '@aftercare/kernel';
import type { Collection, Doc, Filter, FindOptions, IndexSpec, Page, PageOptions, ReadStore, Update, WriteResult } from '@aftercare/read-store';
import type { ProjectionContext } from './projection';
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
 */
export class DirectProjectionContext implements ProjectionContext {
  private readonly cache = new Map<string, Collection<Doc>>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly projection: string,
    private readonly map: CollectionMap,
  ) {}

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let collection = this.cache.get(name);
    if (!collection) {
      collection = new UpsertCheckedCollection(this.readStore.collection(physicalOf(this.map, this.projection, name)));
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
  constructor(private readonly inner: Collection<T>) {}

  get name(): string {
    return this.inner.name;
  }

  insertOne(doc: T): Promise<void> {
    return this.inner.insertOne(doc);
  }

  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult> {
    if (options?.upsert && typeof (filter._id ?? doc._id) !== 'string') throw upsertError(this.inner.name);
    return this.inner.replaceOne(filter, doc, options);
  }

  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult> {
    if (options?.upsert && typeof filter._id !== 'string') throw upsertError(this.inner.name);
    return this.inner.updateOne(filter, update, options);
  }

  updateMany(filter: Filter, update: Update): Promise<WriteResult> {
    return this.inner.updateMany(filter, update);
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.inner.deleteOne(filter);
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.inner.deleteMany(filter);
  }

  findOne(filter: Filter): Promise<T | null> {
    return this.inner.findOne(filter);
  }

  find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return this.inner.find(filter, options);
  }

  findPage(filter: Filter, options: PageOptions): Promise<Page<T>> {
    return this.inner.findPage(filter, options);
  }

  count(filter?: Filter): Promise<number> {
    return this.inner.count(filter);
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
