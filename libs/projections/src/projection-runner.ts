import { systemClock, type Clock, type Position, type UpcasterRegistry } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import { AsyncLock } from './async-lock';
import { DeferredIndexes } from './deferred-indexes';
import { lagMs, matchingLag } from './event-lag';
import { ParkedEvents } from './parked-events';
import type { ProjectionDefinition } from './projection';
import { ProjectionCatalog, physicalCollectionName, type ProjectionBuildDoc } from './projection-catalog';
import type { ProjectionState, ProjectionStatus, RebuildProgress } from './projection-status';
import { ProjectionWorker, type ProjectionWorkerDeps } from './projection-worker';
import { consoleRunnerLogger, type RunnerLogger } from './runner-logger';

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  /**
   * The runner's own connection: on sqlite a batch is one transaction on it, and
   * a transaction is per connection, so queries use another (WAL readers never
   * wait). Other writers in the same process (reactions) share this one and
   * `lock`: a second connection writing while a batch is open would block the
   * event loop in sqlite's busy wait until its timeout.
   */
  readStore: ReadStore;
  projections: ProjectionDefinition[];
  clock?: Clock;
  logger?: RunnerLogger;
  /**
   * Most events applied in one transaction (and read in one page). Default 1000:
   * a catch-up commits half as often as with 500, and what a commit costs grows
   * with the pages it writes, which batches share (index pages, counters); much
   * larger batches keep so many events alive that garbage collection eats the gain.
   */
  batchSize?: number;
  /** Attempts at a failing event before it is parked. Default 3. */
  maxAttempts?: number;
  /** Pause before the second attempt, doubled for each next one. Default 20 ms. */
  retryDelayMs?: number;
  /**
   * How long a retired build's collections outlive the switch, so queries in other
   * processes still holding the old name (ReadModels caches for 1 s) finish.
   * Default 5 s.
   */
  retireGraceMs?: number;
  /** lagEvents is counted exactly up to this many events. Default 10 000. */
  lagCountLimit?: number;
  /**
   * How often a running runner looks for rebuilds requested by another process
   * (the CLI calls rebuild() on a runner it never starts). 0 turns it off. Default 2 s.
   */
  controlPollMs?: number;
  upcasters?: UpcasterRegistry;
}

export interface BuildInfo {
  name: string;
  version: number;
  generation: number;
  /** logical → physical collection names of the build. */
  collections: Record<string, string>;
}

/** A projection's builds as the runner drives them. */
interface ProjectionSlot {
  name: string;
  /** The highest version in the code: what a rebuild builds. */
  target: ProjectionDefinition;
  byVersion: Map<number, ProjectionDefinition>;
  /** The build serving queries. */
  active: ProjectionBuildDoc | null;
  /** Null when the serving version is no longer in the code (frozen until the switch). */
  activeWorker: ProjectionWorker | null;
  building: ProjectionWorker | null;
  /** A rebuild is being set up (indexes): rebuild() and the control poll must not both start it. */
  spawning: boolean;
}

export type SwitchListener = (name: string, build: BuildInfo) => void;

const NAME_RE = /^[a-z][a-z0-9_-]*$/;
const LOGICAL_RE = /^[a-z][a-z0-9_]*$/;

/**
 * Runs projections against the event store (ARCHITECTURE.md "Read side"): each
 * build has its own checkpoint in `_projections`, catches up, then follows live.
 *
 * Blue-green: a code change bumping a projection's `version` builds the new
 * version beside the serving one at start; `rebuild(name)` builds the current
 * version again into a new generation. Either way the new build reads from
 * position 0 into its own collections and, once it has reached the head, the
 * serving build is switched in one write, the old build stopped, and its
 * collections dropped after a grace period.
 *
 * One runner per deployment writes a given projection: two runners would each
 * apply every event.
 */
export class ProjectionRunner {
  private readonly deps: ProjectionWorkerDeps;
  private readonly slots = new Map<string, ProjectionSlot>();
  private readonly lagCountLimit: number;
  private readonly retireGraceMs: number;
  private readonly controlPollMs: number;
  private readonly switchListeners = new Set<SwitchListener>();
  private readonly dropTimers = new Set<NodeJS.Timeout>();
  private controlTimer: NodeJS.Timeout | undefined;
  private running = false;
  private starting: Promise<void> | undefined;

  constructor(options: ProjectionRunnerOptions) {
    const readStore = options.readStore;
    this.deps = {
      eventStore: options.eventStore,
      readStore,
      catalog: new ProjectionCatalog(readStore),
      parked: new ParkedEvents(readStore),
      lock: new AsyncLock(),
      clock: options.clock ?? systemClock,
      logger: options.logger ?? consoleRunnerLogger,
      batchSize: options.batchSize ?? 1000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      retryDelayMs: options.retryDelayMs ?? 20,
      upcasters: options.upcasters,
    };
    this.lagCountLimit = options.lagCountLimit ?? 10_000;
    this.retireGraceMs = options.retireGraceMs ?? 5_000;
    this.controlPollMs = options.controlPollMs ?? 2_000;
    this.slots = slotsOf(options.projections);
  }

  /**
   * Serialises work on the runner's read-store connection. A ReactionRunner given
   * the same connection must take it too (its `lock` option).
   */
  get lock(): AsyncLock {
    return this.deps.lock;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Resumes every build from its checkpoint; resolves once all are subscribed, not caught up. */
  start(): Promise<void> {
    if (this.running) return this.starting ?? Promise.resolve();
    this.running = true;
    this.starting = this.startAll().catch(async (err) => {
      await this.stop();
      throw err;
    });
    return this.starting;
  }

  /** Closes every subscription and waits for the batches in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.controlTimer) clearInterval(this.controlTimer);
    this.controlTimer = undefined;
    for (const timer of this.dropTimers) clearTimeout(timer);
    this.dropTimers.clear();
    const workers: ProjectionWorker[] = [];
    for (const slot of this.slots.values()) {
      if (slot.activeWorker) workers.push(slot.activeWorker);
      if (slot.building) workers.push(slot.building);
      slot.activeWorker = null;
      slot.building = null;
    }
    await Promise.all(workers.map((w) => w.stop()));
  }

  /**
   * Builds the projection's current version again from position 0 into a new
   * generation, beside the serving build. Returns the build in progress if there
   * is one already. On a runner that is not running it only records the request:
   * the runner that runs the projection picks it up.
   */
  async rebuild(name: string): Promise<BuildInfo> {
    const slot = this.slot(name);
    if (slot.building) return infoOf(slot.building.build);
    const builds = await this.deps.catalog.builds(name);
    const pending = builds.find((b) => b.state === 'building' && b.version === slot.target.version);
    const build = pending ?? (await this.createBuild(slot.target, builds));
    if (this.running) await this.startBuilding(slot, build);
    // Another caller may have started a build while this one awaited.
    const started = slot.building as ProjectionWorker | null;
    return infoOf(started ? started.build : build);
  }

  /** True once every serving build has reached the head since start (for /ready). */
  isCaughtUp(): boolean {
    if (!this.running) return false;
    for (const slot of this.slots.values()) {
      if (slot.activeWorker && slot.activeWorker.phase !== 'live') return false;
    }
    return true;
  }

  /**
   * Resolves when every serving build has applied every event of its types up to
   * `position` (default: the head now), so a caller can read its own writes.
   * A frozen build (its version gone from the code) is not waited for.
   */
  async waitForCatchUp(position?: Position, options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.running) throw new Error('projection runner is not running');
    const target = position ?? (await this.deps.eventStore.headPosition());
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (const slot of this.slots.values()) {
      for (;;) {
        const worker = slot.activeWorker;
        if (!worker || (await worker.hasAppliedUpTo(target))) break;
        const remaining = deadline - Date.now();
        if (remaining <= 0 || !this.running) {
          throw new Error(`projection ${slot.name} has not applied position ${target} (at ${worker.checkpoint})`);
        }
        await worker.waitForProgress(Math.min(remaining, 100));
      }
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const { eventStore, clock } = this.deps;
    const head = await eventStore.headPosition();
    const now = clock.now().getTime();
    const result: ProjectionStatus[] = [];
    for (const slot of this.slots.values()) {
      const active = slot.active;
      const worker = slot.activeWorker;
      const position = worker ? worker.checkpoint : (active?.position ?? 0);
      const types = active ? active.types : Object.keys(slot.target.handlers);
      const lag = await matchingLag(eventStore, types, position, head, this.lagCountLimit);
      let state: ProjectionState;
      if (!this.running) state = 'stopped';
      else if (slot.building) state = 'rebuilding';
      else state = worker?.phase === 'live' ? 'live' : 'catching_up';
      result.push({
        name: slot.name,
        version: active?.version ?? slot.target.version,
        generation: active?.generation ?? 0,
        position,
        headPosition: head,
        lagEvents: lag.count,
        lagEventsExact: lag.exact,
        lagMs: lagMs(lag.oldest, now),
        parkedCount: active?.parkedCount ?? 0,
        state,
        lastEventAt: active?.lastEventAt ?? null,
        eventsPerSecond: worker?.eventsPerSecond ?? 0,
        frozen: active !== null && worker === null && this.running,
        rebuild: slot.building ? progressOf(slot.building, head) : null,
      });
    }
    return result;
  }

  /** Tells same-process readers (ReadModels.follow) at once when a build starts serving. */
  onSwitch(listener: SwitchListener): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /** Events the runner gave up on, for operators. */
  parkedEvents() {
    return this.deps.parked.list();
  }

  private async startAll(): Promise<void> {
    await this.deps.catalog.ensureIndexes();
    await this.deps.parked.ensureIndexes();
    for (const slot of this.slots.values()) await this.startSlot(slot);
    if (this.controlPollMs > 0) {
      this.controlTimer = setInterval(() => void this.pickUpRequestedRebuilds(), this.controlPollMs);
      this.controlTimer.unref();
    }
  }

  private async startSlot(slot: ProjectionSlot): Promise<void> {
    const { catalog, clock, logger } = this.deps;
    const builds = await catalog.builds(slot.name);
    const activeDoc = await catalog.active(slot.name);
    for (const b of builds) if (b.state === 'retired' && !b.dropped) await this.dropBuild(b);

    // At most one build in progress: the newest of the version in the code.
    let resume: ProjectionBuildDoc | null = null;
    const pending = builds.filter((b) => b.state === 'building').sort((a, b) => b.generation - a.generation);
    for (const b of pending) {
      if (!resume && b.version === slot.target.version) resume = b;
      else await this.abandon(b);
    }

    let active = activeDoc ? (builds.find((b) => b._id === activeDoc.buildId) ?? null) : null;
    if (!active) {
      // Nothing serves yet, so the first build serves while it catches up: there is nothing older to show.
      active = resume ?? (await this.createBuild(slot.target, builds));
      resume = null;
      const first = active;
      await this.exclusive(() => catalog.activate(first, clock.now().toISOString()));
      first.state = 'active';
    }
    slot.active = active;
    const activeDefinition = slot.byVersion.get(active.version);
    if (activeDefinition) {
      await this.refreshCollections(activeDefinition, active);
      const worker = await this.spawn(slot, activeDefinition, active);
      // stop() may have been called while this start awaited the store.
      if (!this.running) return;
      slot.activeWorker = worker;
      worker.start();
    } else {
      logger.warn(`projection ${slot.name}: serving v${active.version}, no longer in the code; it is not updated until v${slot.target.version} is built`);
    }
    if (!resume && active.version !== slot.target.version) {
      resume = await this.createBuild(slot.target, builds);
      logger.info(`projection ${slot.name}: building v${slot.target.version} beside v${active.version}`);
    }
    if (resume) await this.startBuilding(slot, resume);
  }

  private async startBuilding(slot: ProjectionSlot, build: ProjectionBuildDoc): Promise<void> {
    if (slot.building || slot.spawning || !this.running) return;
    slot.spawning = true;
    try {
      const worker = await this.spawn(slot, slot.target, build);
      if (this.running && !slot.building) {
        slot.building = worker;
        worker.start();
      }
    } finally {
      slot.spawning = false;
    }
  }

  private async spawn(slot: ProjectionSlot, definition: ProjectionDefinition, build: ProjectionBuildDoc): Promise<ProjectionWorker> {
    const { readStore } = this.deps;
    // A build that has not caught up yet, on sqlite, gets its secondary indexes once
    // it has (DeferredIndexes: one sort instead of an index insert per write, and
    // created early for a collection its handlers query); otherwise indexes first.
    const deferred = readStore.supportsTransactions && build.caughtUpAt === null ? new DeferredIndexes(readStore) : undefined;
    for (const [logical, specs] of Object.entries(definition.collections)) {
      const physical = physicalCollectionName(logical, build.version, build.generation);
      const collection = readStore.collection(physical);
      for (const spec of specs) if (!deferred?.defer(physical, spec)) await collection.createIndex(spec);
    }
    // Not started here: the caller records the worker in its slot first, so a
    // catch-up finishing at once finds it there.
    return new ProjectionWorker(this.deps, definition, build, { caughtUp: (w) => this.caughtUp(slot, w) }, deferred?.isEmpty ? undefined : deferred);
  }

  private async caughtUp(slot: ProjectionSlot, worker: ProjectionWorker): Promise<void> {
    const { logger } = this.deps;
    if (worker === slot.building) {
      await this.promote(slot, worker);
      return;
    }
    logger.info(`projection ${worker.build._id}: caught up at position ${worker.checkpoint}`);
  }

  /** The blue-green switch: one write moves queries to the new build. */
  private async promote(slot: ProjectionSlot, worker: ProjectionWorker): Promise<void> {
    const { catalog, clock, logger } = this.deps;
    const old = slot.active;
    const oldWorker = slot.activeWorker;
    const now = clock.now().toISOString();
    await this.exclusive(async () => {
      await catalog.activate(worker.build, now);
      if (old) await catalog.retire(old._id, now);
    });
    worker.build.state = 'active';
    worker.build.activatedAt = now;
    slot.active = worker.build;
    slot.activeWorker = worker;
    slot.building = null;
    logger.info(`projection ${slot.name}: switched to ${worker.build._id} at position ${worker.checkpoint}`);
    for (const listener of this.switchListeners) {
      try {
        listener(slot.name, infoOf(worker.build));
      } catch (err) {
        logger.warn(`projection ${slot.name}: switch listener failed`, { err });
      }
    }
    if (oldWorker) await oldWorker.stop();
    if (old) {
      old.state = 'retired';
      this.scheduleDrop(old);
    }
  }

  private scheduleDrop(build: ProjectionBuildDoc): void {
    const drop = () =>
      this.dropBuild(build).catch((err) =>
        // A later start() drops every retired build still standing.
        this.deps.logger.warn(`projection ${build._id}: dropping retired collections failed`, { err }),
      );
    if (this.retireGraceMs <= 0) {
      void drop();
      return;
    }
    const timer = setTimeout(() => {
      this.dropTimers.delete(timer);
      void drop();
    }, this.retireGraceMs);
    timer.unref();
    this.dropTimers.add(timer);
  }

  private async dropBuild(build: ProjectionBuildDoc): Promise<void> {
    const { readStore, catalog } = this.deps;
    await this.exclusive(async () => {
      for (const physical of Object.values(build.collections)) await readStore.collection(physical).drop();
      await catalog.markDropped(build._id);
    });
    build.dropped = true;
  }

  /** A rebuild of a version the code no longer has: it will never be switched to. */
  private async abandon(build: ProjectionBuildDoc): Promise<void> {
    await this.exclusive(() => this.deps.catalog.retire(build._id, this.deps.clock.now().toISOString()));
    build.state = 'retired';
    await this.dropBuild(build);
  }

  private async createBuild(definition: ProjectionDefinition, builds: ProjectionBuildDoc[]): Promise<ProjectionBuildDoc> {
    const generation = ProjectionCatalog.nextGeneration(builds, definition.version);
    const { catalog, clock } = this.deps;
    const build = await this.exclusive(() => catalog.createBuild(definition, generation, 'building', clock.now().toISOString()));
    builds.push(build);
    return build;
  }

  /**
   * Collections added to a definition without a version bump get written from the
   * next event on; record their names so queries find them, and say why they
   * miss the past.
   */
  private async refreshCollections(definition: ProjectionDefinition, build: ProjectionBuildDoc): Promise<void> {
    const missing = Object.keys(definition.collections).filter((logical) => !(logical in build.collections));
    if (missing.length === 0) return;
    this.deps.logger.warn(
      `projection ${build._id}: collections ${missing.join(', ')} added without a version bump hold no past events; bump the version to rebuild`,
    );
    for (const logical of missing) build.collections[logical] = physicalCollectionName(logical, build.version, build.generation);
    const { catalog, clock } = this.deps;
    await this.exclusive(async () => {
      await catalog.setCollections(build._id, build.collections);
      if (build.state === 'active') await catalog.activate(build, clock.now().toISOString());
    });
  }

  private async pickUpRequestedRebuilds(): Promise<void> {
    if (!this.running) return;
    try {
      for (const slot of this.slots.values()) {
        if (slot.building || !slot.active) continue;
        const builds = await this.deps.catalog.builds(slot.name);
        const requested = builds.find((b) => b.state === 'building' && b.version === slot.target.version);
        if (requested) await this.startBuilding(slot, requested);
      }
    } catch (err) {
      this.deps.logger.warn('projection runner: looking for requested rebuilds failed', { err });
    }
  }

  private exclusive<R>(work: () => Promise<R>): Promise<R> {
    const { readStore, lock } = this.deps;
    if (!readStore.supportsTransactions) return work();
    return lock.run(() => readStore.transaction(work));
  }

  private slot(name: string): ProjectionSlot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`unknown projection ${name}`);
    return slot;
  }
}

function slotsOf(definitions: ProjectionDefinition[]): Map<string, ProjectionSlot> {
  const slots = new Map<string, ProjectionSlot>();
  const owners = new Map<string, string>();
  for (const d of definitions) {
    if (!NAME_RE.test(d.name)) throw new Error(`projection name "${d.name}" must match ${NAME_RE}`);
    if (!Number.isInteger(d.version) || d.version < 1) throw new Error(`projection ${d.name}: version must be a positive integer`);
    if (Object.keys(d.handlers).length === 0) throw new Error(`projection ${d.name} v${d.version} handles no event type`);
    for (const logical of Object.keys(d.collections)) {
      if (!LOGICAL_RE.test(logical)) throw new Error(`projection ${d.name}: collection name "${logical}" must match ${LOGICAL_RE}`);
      const owner = owners.get(logical);
      if (owner !== undefined && owner !== d.name) throw new Error(`collection ${logical} is owned by projections ${owner} and ${d.name}`);
      owners.set(logical, d.name);
    }
    let slot = slots.get(d.name);
    if (!slot) {
      slot = { name: d.name, target: d, byVersion: new Map(), active: null, activeWorker: null, building: null, spawning: false };
      slots.set(d.name, slot);
    }
    if (slot.byVersion.has(d.version)) throw new Error(`projection ${d.name} v${d.version} given twice`);
    slot.byVersion.set(d.version, d);
    if (d.version > slot.target.version) slot.target = d;
  }
  return slots;
}

function infoOf(build: ProjectionBuildDoc): BuildInfo {
  return { name: build.name, version: build.version, generation: build.generation, collections: { ...build.collections } };
}

function progressOf(worker: ProjectionWorker, head: Position): RebuildProgress {
  const build = worker.build;
  const position = worker.checkpoint;
  return {
    version: build.version,
    generation: build.generation,
    position,
    headPosition: head,
    progress: head <= 0 ? 1 : Math.min(1, position / head),
    eventsApplied: worker.eventsApplied,
    eventsPerSecond: worker.eventsPerSecond,
    parkedCount: build.parkedCount,
    startedAt: build.startedAt,
  };
}
