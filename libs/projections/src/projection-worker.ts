import type { Clock, RecordedEvent, UpcasterRegistry } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import type { AsyncLock } from './async-lock';
import type { DeferredIndexes } from './deferred-indexes';
import type { ParkedEvents } from './parked-events';
import type { ProjectionDefinition, ProjectionContext } from './projection';
import { DirectProjectionContext, GuardedProjectionContext, type CollectionMap } from './projection-context';
import { physicalCollectionName, type ProjectionBuildDoc, type ProjectionCatalog } from './projection-catalog';
import type { RunnerLogger } from './runner-logger';
import { isTransientStoreError } from './store-errors';
import { StopRequested, SubscriptionWorker } from './subscription-worker';

/** What every build of a runner shares. */
export interface ProjectionWorkerDeps {
  eventStore: EventStore;
  readStore: ReadStore;
  catalog: ProjectionCatalog;
  parked: ParkedEvents;
  /** Serialises transactions on the shared read-store connection. */
  lock: AsyncLock;
  clock: Clock;
  logger: RunnerLogger;
  batchSize: number;
  maxAttempts: number;
  retryDelayMs: number;
  upcasters?: UpcasterRegistry;
}

export interface ProjectionWorkerHooks {
  caughtUp(worker: ProjectionWorker): Promise<void>;
}

/** A handler threw on the event at `index` of the run being committed. */
class HandlerFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('projection handler failed');
  }
}

/**
 * Builds one generation of one projection version into its physical collections.
 *
 * Transactional store (sqlite): a batch's writes and its checkpoint commit in one
 * transaction. When a handler throws, the transaction rolls back and the batch is
 * cut around the failing event: the events before it commit again on their own,
 * the failing event is retried alone (each attempt its own transaction, so a
 * failed attempt leaves nothing behind), then parked with the checkpoint moved
 * past it, and the rest of the batch goes on.
 *
 * Non-transactional store (MongoDB): the same steps, with every write guarded by
 * the event's position (PositionGuardedCollection) and the checkpoint written
 * after the batch; re-running events already written changes nothing.
 */
export class ProjectionWorker extends SubscriptionWorker {
  private readonly map: CollectionMap;
  private readonly transactional: boolean;
  private readonly direct: DirectProjectionContext | undefined;

  constructor(
    private readonly deps: ProjectionWorkerDeps,
    readonly definition: ProjectionDefinition,
    readonly build: ProjectionBuildDoc,
    private readonly hooks: ProjectionWorkerHooks,
    /** Secondary indexes left for when the build has caught up (sqlite only). */
    private readonly indexes?: DeferredIndexes,
  ) {
    super(
      {
        eventStore: deps.eventStore,
        types: Object.keys(definition.handlers),
        batchSize: deps.batchSize,
        logger: deps.logger,
        label: `projection ${build._id}`,
      },
      build.position,
      build.eventsApplied,
    );
    const map = new Map<string, string>();
    for (const logical of Object.keys(definition.collections)) {
      map.set(logical, physicalCollectionName(logical, build.version, build.generation));
    }
    this.map = map;
    this.transactional = deps.readStore.supportsTransactions;
    this.direct = this.transactional ? new DirectProjectionContext(deps.readStore, definition.name, map, indexes) : undefined;
  }

  get parkedCount(): number {
    return this.build.parkedCount;
  }

  protected override async onCaughtUp(): Promise<void> {
    // Before the build counts as caught up, so it is never switched to, nor resumed after a restart, without them.
    if (this.indexes) await this.exclusive(() => this.indexes!.createAll());
    if (this.build.caughtUpAt === null) {
      const at = this.deps.clock.now().toISOString();
      await this.exclusive(() => this.deps.catalog.saveCheckpoint(this.build._id, { ...this.checkpointFields(), caughtUpAt: at }));
      this.build.caughtUpAt = at;
    }
    await this.hooks.caughtUp(this);
  }

  protected async processBatch(events: RecordedEvent[]): Promise<void> {
    let start = 0;
    while (start < events.length) {
      const run = start === 0 ? events : events.slice(start);
      const failure = await this.commit(run);
      if (!failure) return;
      if (failure.index > 0) await this.processBatch(run.slice(0, failure.index));
      await this.retryOrPark(run[failure.index], failure.error);
      start += failure.index + 1;
    }
  }

  /** Applies `run` and moves the checkpoint to its end, all or nothing where the store allows. */
  private async commit(run: RecordedEvent[]): Promise<HandlerFailure | null> {
    const last = run[run.length - 1];
    try {
      await this.exclusive(async () => {
        for (let i = 0; i < run.length; i++) {
          try {
            // A handler returning nothing costs no promise hop; most return one.
            const pending = this.apply(run[i]);
            if (pending !== undefined) await pending;
          } catch (err) {
            // An outage is not the event's fault: fail the batch, resubscribe later.
            if (isTransientStoreError(err)) throw err;
            throw new HandlerFailure(i, err);
          }
        }
        await this.deps.catalog.saveCheckpoint(this.build._id, this.checkpointFields(last, run.length));
      });
    } catch (err) {
      if (err instanceof HandlerFailure) return err;
      throw err;
    }
    this.build.position = last.position;
    this.build.eventsApplied += run.length;
    this.build.lastEventAt = last.metadata.recordedAt;
    this.advance(last.position, run.length);
    return null;
  }

  private async retryOrPark(event: RecordedEvent, firstError: unknown): Promise<void> {
    const { maxAttempts, retryDelayMs, logger } = this.deps;
    let error = firstError;
    for (let attempt = 2; attempt <= maxAttempts; attempt++) {
      await this.sleep(retryDelayMs * 2 ** (attempt - 2));
      if (this.isStopping) throw new StopRequested();
      const failure = await this.commit([event]);
      if (!failure) return;
      error = failure.error;
    }
    await this.park(event, error);
    logger.error(`projection ${this.build._id}: parked ${event.type} at position ${event.position} after ${maxAttempts} attempts`, {
      err: error,
      streamId: event.streamId,
      eventId: event.metadata.eventId,
    });
  }

  private async park(event: RecordedEvent, error: unknown): Promise<void> {
    const { catalog, parked, clock, maxAttempts } = this.deps;
    const at = clock.now().toISOString();
    let parkedCount = this.build.parkedCount;
    await this.exclusive(async () => {
      parkedCount = await parked.park({
        kind: 'projection',
        projection: this.build.name,
        version: this.build.version,
        generation: this.build.generation,
        owner: this.build._id,
        event,
        error,
        attempts: maxAttempts,
        at,
      });
      // The parked event counts as passed: the checkpoint moves beyond it.
      await catalog.saveCheckpoint(this.build._id, { ...this.checkpointFields(event, 0), parkedCount });
    });
    this.build.position = event.position;
    this.build.parkedCount = parkedCount;
    this.advance(event.position, 0);
  }

  private apply(event: RecordedEvent): Promise<void> | void {
    const handler = this.definition.handlers[event.type];
    if (!handler) return;
    const upcast = this.deps.upcasters ? this.deps.upcasters.upcast(event) : event;
    const ctx: ProjectionContext =
      this.direct ?? new GuardedProjectionContext(this.deps.readStore, this.definition.name, this.map, event.position);
    return handler(upcast, ctx);
  }

  private checkpointFields(last?: RecordedEvent, applied = 0) {
    return {
      position: last ? last.position : this.build.position,
      eventsApplied: this.build.eventsApplied + applied,
      lastEventAt: last ? last.metadata.recordedAt : this.build.lastEventAt,
      updatedAt: this.deps.clock.now().toISOString(),
    };
  }

  /** One transaction under the runner's lock where the store has transactions; plain calls otherwise. */
  private exclusive<R>(work: () => Promise<R>): Promise<R> {
    if (!this.transactional) return work();
    const { lock, readStore } = this.deps;
    return lock.run(() => readStore.transaction(work));
  }
}
