import type { Position } from '@aftercare/kernel';
import type { Collection, Doc, Filter, FindOptions, IndexSpec, Page, PageOptions, Update, WriteResult } from '@aftercare/read-store';
import { isDuplicateKey } from './store-errors';

/**
 * Exactly-once effect without transactions (MongoDB; docs/adr/0002). Every write
 * of a handler is stamped with the event's position and the write's ordinal
 * within that event (`_pos`, `_seq`), and only touches documents whose stamp is
 * older. Events are applied in position order, so a document stamped (p, s) has
 * seen every write up to (p, s); replaying a batch after a crash between its
 * writes and its checkpoint then changes nothing:
 * - updateOne/updateMany/replaceOne/delete*: the guard makes the filter miss;
 * - an upsert whose guard misses an existing document tries to insert its `_id`
 *   again: the duplicate key is swallowed once the stored stamp proves the write
 *   was already made;
 * - insertOne of an existing `_id`: swallowed on the same proof.
 * The ordinal is what lets one event write the same document twice (a $set then
 * a $push): a guard on the position alone would drop the second write.
 */
export const POSITION_FIELD = '_pos';
export const SEQUENCE_FIELD = '_seq';

/** The event being applied and a counter of its writes. */
export class WriteStamp {
  private seq = 0;
  constructor(readonly position: Position) {}
  next(): number {
    return this.seq++;
  }
}

const NOTHING_WRITTEN: WriteResult = { matchedCount: 0, modifiedCount: 0, upsertedId: null };

/** Adds the guard to a filter; kept beside the caller's own `$and`, so upsert seeding still sees `_id`. */
export function guardFilter(filter: Filter, position: Position, seq: number): Filter {
  const guard = {
    $or: [
      { [POSITION_FIELD]: { $exists: false } },
      { [POSITION_FIELD]: { $lt: position } },
      { [POSITION_FIELD]: position, [SEQUENCE_FIELD]: { $lt: seq } },
    ],
  };
  const own = filter.$and;
  return { ...filter, $and: Array.isArray(own) ? [...own, guard] : [guard] };
}

export function stampUpdate(update: Update, position: Position, seq: number): Update {
  return { ...update, $set: { ...(update.$set ?? {}), [POSITION_FIELD]: position, [SEQUENCE_FIELD]: seq } };
}

/** Whether a stored document already carries the write (position, seq) or a later one. */
export function carriesWrite(doc: Doc | null, position: Position, seq: number): boolean {
  if (!doc) return false;
  const pos = doc[POSITION_FIELD];
  if (typeof pos !== 'number') return false;
  if (pos !== position) return pos > position;
  const stored = doc[SEQUENCE_FIELD];
  return typeof stored === 'number' && stored >= seq;
}

export class PositionGuardedCollection<T extends Doc = Doc> implements Collection<T> {
  constructor(
    private readonly inner: Collection<T>,
    private readonly stamp: WriteStamp,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  async insertOne(doc: T): Promise<void> {
    const seq = this.stamp.next();
    const position = this.stamp.position;
    try {
      await this.inner.insertOne({ ...doc, [POSITION_FIELD]: position, [SEQUENCE_FIELD]: seq });
    } catch (err) {
      if (isDuplicateKey(err) && carriesWrite(await this.inner.findOne({ _id: doc._id }), position, seq)) return;
      throw err;
    }
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult> {
    const seq = this.stamp.next();
    const position = this.stamp.position;
    const id = options?.upsert ? upsertId(this.inner.name, filter, doc._id) : undefined;
    try {
      return await this.inner.replaceOne(
        guardFilter(filter, position, seq),
        { ...doc, [POSITION_FIELD]: position, [SEQUENCE_FIELD]: seq },
        options,
      );
    } catch (err) {
      if (id !== undefined && isDuplicateKey(err) && carriesWrite(await this.inner.findOne({ _id: id }), position, seq)) {
        return NOTHING_WRITTEN;
      }
      throw err;
    }
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult> {
    const seq = this.stamp.next();
    const position = this.stamp.position;
    const id = options?.upsert ? upsertId(this.inner.name, filter) : undefined;
    try {
      return await this.inner.updateOne(guardFilter(filter, position, seq), stampUpdate(update, position, seq), options);
    } catch (err) {
      if (id !== undefined && isDuplicateKey(err) && carriesWrite(await this.inner.findOne({ _id: id }), position, seq)) {
        return NOTHING_WRITTEN;
      }
      throw err;
    }
  }

  updateMany(filter: Filter, update: Update): Promise<WriteResult> {
    const seq = this.stamp.next();
    return this.inner.updateMany(guardFilter(filter, this.stamp.position, seq), stampUpdate(update, this.stamp.position, seq));
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.inner.deleteOne(guardFilter(filter, this.stamp.position, this.stamp.next()));
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.inner.deleteMany(guardFilter(filter, this.stamp.position, this.stamp.next()));
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

/**
 * Only an upsert by `_id` can tell a replay (the document exists with a newer
 * stamp) from a real insert; an upsert on other fields would insert a second
 * document each time its guard missed.
 */
function upsertId(collection: string, filter: Filter, docId?: string): string {
  const id = filter._id ?? docId;
  if (typeof id !== 'string') {
    throw new Error(`projection upsert into ${collection} must filter on a string _id (position guards need it)`);
  }
  return id;
}
