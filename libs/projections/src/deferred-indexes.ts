import type { Filter, IndexSpec, ReadStore } from '@aftercare/read-store';

/**
 * Secondary indexes of a build that has not caught up yet, on a transactional
 * store (sqlite), created once it has instead of kept up event by event.
 *
 * A build from position 0 writes every document of its collections; keeping half
 * a dozen expression indexes current on each of those writes costs more than the
 * handlers (random inserts into every index B-tree, and the pages each commit
 * dirties with them), while one CREATE INDEX over the finished table is a sort.
 * Unique indexes are never deferred: they are constraints a write must meet when
 * it is made.
 *
 * A handler may still query its collections by other fields than `_id` while
 * catching up: the first such statement on a collection creates that
 * collection's indexes first (`before`), so no query scans for the rest of the
 * catch-up. Everything left is created before the build is marked caught up
 * (`createAll`), which is before it can be switched to. Until then, queries of a
 * first build that serves while it catches up run without these indexes: slower,
 * never different.
 */
export class DeferredIndexes {
  /** physical collection → its deferred specs; kept whole for createAll (a rolled-back batch may have undone one). */
  private readonly specs = new Map<string, IndexSpec[]>();
  /** Collections whose indexes a statement of this build already asked for. */
  private readonly requested = new Set<string>();

  constructor(private readonly readStore: ReadStore) {}

  /** Records the spec as deferred; false when it must be created now (unique). */
  defer(physical: string, spec: IndexSpec): boolean {
    if (spec.unique) return false;
    const specs = this.specs.get(physical);
    if (specs) specs.push(spec);
    else this.specs.set(physical, [spec]);
    return true;
  }

  get isEmpty(): boolean {
    return this.specs.size === 0;
  }

  /**
   * Before a statement on `physical` with `filter`: a promise creating the
   * collection's indexes when the statement may need them (anything but a
   * lookup by `_id`) and they were not asked for yet; undefined otherwise.
   */
  before(physical: string, filter: Filter | undefined): Promise<void> | undefined {
    if (this.requested.has(physical) || !this.specs.has(physical) || (filter !== undefined && byIdOnly(filter))) return undefined;
    this.requested.add(physical);
    return this.create(physical);
  }

  /** Every deferred index (again: creating an existing one is a no-op). */
  async createAll(): Promise<void> {
    for (const physical of this.specs.keys()) {
      await this.create(physical);
      this.requested.add(physical);
    }
  }

  private async create(physical: string): Promise<void> {
    const collection = this.readStore.collection(physical);
    for (const spec of this.specs.get(physical) ?? []) await collection.createIndex(spec);
  }
}

function byIdOnly(filter: Filter): boolean {
  let id = false;
  for (const key in filter) {
    if (key !== '_id') return false;
    id = typeof filter[key] === 'string';
  }
  return id;
}
