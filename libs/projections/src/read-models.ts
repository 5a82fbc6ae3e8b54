import type { Collection, Doc, Filter, FindOptions, Page, PageOptions, ReadStore } from '@aftercare/read-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionCatalog, physicalCollectionName } from './projection-catalog';
import type { SwitchListener } from './projection-runner';

export interface ReadModelsOptions {
  /** The query side's own connection (never the runner's, whose transactions would show). */
  readStore: ReadStore;
  /**
   * The projections of the code, used only before any runner has recorded which
   * build serves a collection: queries then read the collections the runner's
   * first build will write.
   */
  projections?: ProjectionDefinition[];
  /** How long the logical → physical map is trusted. Default 1 s. */
  cacheTtlMs?: number;
}

/** What queries may do with a read model: read it. */
export type ReadModelCollection<T extends Doc = Doc> = Pick<Collection<T>, 'name' | 'findOne' | 'find' | 'findPage' | 'count'>;

/**
 * Resolves a logical read-model name to the collection of the build serving it,
 * from `_projections`, for queries in any process (the API may run apart from the
 * projector). The map is cached for a second, so a blue-green switch made by
 * another process shows within that; `follow(runner)` makes a switch in this
 * process show at once.
 */
export class ReadModels {
  private readonly readStore: ReadStore;
  private readonly catalog: ProjectionCatalog;
  private readonly cacheTtlMs: number;
  private readonly fallback = new Map<string, string>();
  private map: Map<string, string> | null = null;
  private loadedAt = 0;
  private loading: Promise<Map<string, string>> | null = null;
  /** Bumped by invalidate() so a load started before a switch is not cached after it. */
  private epoch = 0;

  constructor(options: ReadModelsOptions) {
    this.readStore = options.readStore;
    this.catalog = new ProjectionCatalog(options.readStore);
    this.cacheTtlMs = options.cacheTtlMs ?? 1_000;
    const latest = new Map<string, ProjectionDefinition>();
    for (const d of options.projections ?? []) {
      const seen = latest.get(d.name);
      if (!seen || d.version > seen.version) latest.set(d.name, d);
    }
    for (const d of latest.values()) {
      for (const logical of Object.keys(d.collections)) this.fallback.set(logical, physicalCollectionName(logical, d.version, 0));
    }
  }

  /** A read-only handle; every call resolves the serving build's collection. */
  collection<T extends Doc = Doc>(logical: string): ReadModelCollection<T> {
    const physical = () => this.physical<T>(logical);
    return {
      name: logical,
      findOne: async (filter: Filter) => (await physical()).findOne(filter),
      find: async (filter: Filter, options?: FindOptions) => (await physical()).find(filter, options),
      findPage: async (filter: Filter, options: PageOptions): Promise<Page<T>> => (await physical()).findPage(filter, options),
      count: async (filter?: Filter) => (await physical()).count(filter),
    };
  }

  /** The physical collection serving `logical` now. */
  async physicalName(logical: string): Promise<string> {
    let map = await this.current();
    let physical = map.get(logical);
    if (physical === undefined && this.loadedAt < Date.now() - 50) {
      // A projection added since the last load: look again before giving up.
      this.invalidate();
      map = await this.current();
      physical = map.get(logical);
    }
    physical ??= this.fallback.get(logical);
    if (physical === undefined) throw new Error(`unknown read model ${logical}: no projection has recorded it yet`);
    return physical;
  }

  /** Forgets the cached map; the next query reads `_projections` again. */
  invalidate(): void {
    this.map = null;
    this.loading = null;
    this.epoch++;
  }

  /** Drops the cache whenever `runner` switches a projection to a new build. */
  follow(runner: { onSwitch(listener: SwitchListener): () => void }): () => void {
    return runner.onSwitch(() => this.invalidate());
  }

  private async physical<T extends Doc>(logical: string): Promise<Collection<T>> {
    return this.readStore.collection<T>(await this.physicalName(logical));
  }

  private current(): Promise<Map<string, string>> {
    if (this.map && Date.now() - this.loadedAt < this.cacheTtlMs) return Promise.resolve(this.map);
    if (!this.loading) {
      const epoch = this.epoch;
      const loading = this.load().then(
        (map) => {
          if (epoch === this.epoch) {
            this.map = map;
            this.loadedAt = Date.now();
          }
          if (this.loading === loading) this.loading = null;
          return map;
        },
        (err) => {
          if (this.loading === loading) this.loading = null;
          throw err;
        },
      );
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const active of await this.catalog.allActive()) {
      for (const [logical, physical] of Object.entries(active.collections)) map.set(logical, physical);
    }
    return map;
  }
}
