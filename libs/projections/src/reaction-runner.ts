import { systemClock, type Clock, type Position, type RecordedEvent, type UpcasterRegistry } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { Collection, Doc, ReadStore } from '@aftercare/read-store';
import { AsyncLock } from './async-lock';
import { lagMs, matchingLag } from './event-lag';
import { ParkedEvents } from './parked-events';
import type { ReactionDefinition } from './projection';
import { consoleRunnerLogger, type RunnerLogger } from './runner-logger';
import { isTransientStoreError } from './store-errors';
import { StopRequested, SubscriptionWorker } from './subscription-worker';

/** Reaction checkpoints, one document per reaction. */
export const REACTIONS_COLLECTION = '_reactions';

export interface ReactionCheckpointDoc extends Doc {
  position: Position;
  eventsHandled: number;
  parkedCount: number;
  lastEventAt: string | null;
  updatedAt: string;
}

export interface ReactionRunnerOptions {
  eventStore: EventStore;
  /**
   * Where checkpoints and parked events go. In the process that runs the
   * projections, pass the ProjectionRunner's connection and its `lock`: a second
   * sqlite connection writing while the runner's transaction is open blocks the
   * event loop in sqlite's busy wait, and the transaction it waits for cannot
   * finish until that wait times out.
   */
  readStore: ReadStore;
  reactions: ReactionDefinition[];
  /** The ProjectionRunner's `lock` when sharing its connection, so checkpoints never land inside its batches. */
  lock?: AsyncLock;
  clock?: Clock;
  logger?: RunnerLogger;
  /**
   * Events per checkpoint. Delivery is at-least-once, so after a crash up to a
   * batch is handled again; smaller than a projection's since handlers do I/O.
   * Default 100.
   */
  batchSize?: number;
  /** Attempts at a failing event before it is parked. Default 3. */
  maxAttempts?: number;
  /** Pause before the second attempt, doubled for each next one. Default 50 ms. */
  retryDelayMs?: number;
  lagCountLimit?: number;
  upcasters?: UpcasterRegistry;
}

export interface ReactionStatus {
  name: string;
  position: Position;
  headPosition: Position;
  lagEvents: number;
  lagEventsExact: boolean;
  lagMs: number;
  parkedCount: number;
  state: 'catching_up' | 'live' | 'stopped';
  lastEventAt: string | null;
}

interface ReactionDeps {
  eventStore: EventStore;
  checkpoints: Collection<ReactionCheckpointDoc>;
  parked: ParkedEvents;
  lock: AsyncLock;
  clock: Clock;
  logger: RunnerLogger;
  batchSize: number;
  maxAttempts: number;
  retryDelayMs: number;
  upcasters?: UpcasterRegistry;
}

/**
 * Process managers on the same subscription mechanism as projections
 * (ARCHITECTURE.md "Read side"), at-least-once: a batch's events are handled,
 * then its checkpoint written. A handler failing is retried a few times, then
 * its event parked in `_parked` and the reaction moves on; a store outage is
 * not the event's fault and only pauses the reaction.
 */
export class ReactionRunner {
  private readonly deps: ReactionDeps;
  private readonly definitions: ReactionDefinition[];
  private readonly workers = new Map<string, ReactionWorker>();
  private readonly lagCountLimit: number;
  private running = false;

  constructor(options: ReactionRunnerOptions) {
    const names = new Set<string>();
    for (const r of options.reactions) {
      if (names.has(r.name)) throw new Error(`reaction ${r.name} given twice`);
      if (Object.keys(r.handlers).length === 0) throw new Error(`reaction ${r.name} handles no event type`);
      names.add(r.name);
    }
    this.definitions = options.reactions;
    this.deps = {
      eventStore: options.eventStore,
      checkpoints: options.readStore.collection<ReactionCheckpointDoc>(REACTIONS_COLLECTION),
      parked: new ParkedEvents(options.readStore),
      lock: options.lock ?? new AsyncLock(),
      clock: options.clock ?? systemClock,
      logger: options.logger ?? consoleRunnerLogger,
      batchSize: options.batchSize ?? 100,
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      retryDelayMs: options.retryDelayMs ?? 50,
      upcasters: options.upcasters,
    };
    this.lagCountLimit = options.lagCountLimit ?? 10_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.deps.parked.ensureIndexes();
      for (const definition of this.definitions) {
        const checkpoint = await this.loadCheckpoint(definition);
        const worker = new ReactionWorker(this.deps, definition, checkpoint);
        this.workers.set(definition.name, worker);
        worker.start();
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((w) => w.stop()));
  }

  isCaughtUp(): boolean {
    if (!this.running) return false;
    for (const worker of this.workers.values()) if (worker.phase !== 'live') return false;
    return true;
  }

  /** Resolves when every reaction has handled every event of its types up to `position` (default: the head now). */
  async waitForCatchUp(position?: Position, options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.running) throw new Error('reaction runner is not running');
    const target = position ?? (await this.deps.eventStore.headPosition());
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (const [name, worker] of this.workers) {
      while (!(await worker.hasAppliedUpTo(target))) {
        const remaining = deadline - Date.now();
        if (remaining <= 0 || !this.running) throw new Error(`reaction ${name} has not handled position ${target} (at ${worker.checkpoint})`);
        await worker.waitForProgress(Math.min(remaining, 100));
      }
    }
  }

  async status(): Promise<ReactionStatus[]> {
    const { eventStore, checkpoints, clock } = this.deps;
    const head = await eventStore.headPosition();
    const now = clock.now().getTime();
    const result: ReactionStatus[] = [];
    for (const definition of this.definitions) {
      const worker = this.workers.get(definition.name);
      const stored = worker ? null : await checkpoints.findOne({ _id: definition.name });
      const position = worker ? worker.checkpoint : (stored?.position ?? 0);
      const lag = await matchingLag(eventStore, Object.keys(definition.handlers), position, head, this.lagCountLimit);
      result.push({
        name: definition.name,
        position,
        headPosition: head,
        lagEvents: lag.count,
        lagEventsExact: lag.exact,
        lagMs: lagMs(lag.oldest, now),
        parkedCount: worker ? worker.parkedCount : (stored?.parkedCount ?? 0),
        state: !worker ? 'stopped' : worker.phase === 'live' ? 'live' : 'catching_up',
        lastEventAt: worker ? worker.lastEventAt : (stored?.lastEventAt ?? null),
      });
    }
    return result;
  }

  private async loadCheckpoint(definition: ReactionDefinition): Promise<ReactionCheckpointDoc> {
    const { checkpoints, eventStore, clock, lock } = this.deps;
    const stored = await checkpoints.findOne({ _id: definition.name });
    if (stored) return stored;
    // A reaction meeting the log for the first time: from the start, or from now on.
    const position = definition.startFrom === 'end' ? await eventStore.headPosition() : 0;
    const doc: ReactionCheckpointDoc = {
      _id: definition.name,
      position,
      eventsHandled: 0,
      parkedCount: 0,
      lastEventAt: null,
      updatedAt: clock.now().toISOString(),
    };
    await lock.run(() => checkpoints.replaceOne({ _id: definition.name }, doc, { upsert: true }));
    return doc;
  }
}

class ReactionWorker extends SubscriptionWorker {
  parkedCount: number;
  lastEventAt: string | null;

  constructor(
    private readonly deps: ReactionDeps,
    private readonly definition: ReactionDefinition,
    checkpoint: ReactionCheckpointDoc,
  ) {
    super(
      {
        eventStore: deps.eventStore,
        types: Object.keys(definition.handlers),
        batchSize: deps.batchSize,
        logger: deps.logger,
        label: `reaction ${definition.name}`,
      },
      checkpoint.position,
      checkpoint.eventsHandled,
    );
    this.parkedCount = checkpoint.parkedCount;
    this.lastEventAt = checkpoint.lastEventAt;
  }

  protected async processBatch(events: RecordedEvent[]): Promise<void> {
    let done: RecordedEvent | null = null;
    let handled = 0;
    try {
      for (const event of events) {
        if (await this.handle(event)) handled++;
        done = event;
      }
    } finally {
      // Whatever was handled before a failure or a stop is not delivered again.
      if (done) await this.saveCheckpoint(done, handled);
    }
  }

  /** False when the event was parked. */
  private async handle(event: RecordedEvent): Promise<boolean> {
    const { maxAttempts, retryDelayMs, upcasters } = this.deps;
    const handler = this.definition.handlers[event.type];
    if (!handler) return true;
    const upcast = upcasters ? upcasters.upcast(event) : event;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(upcast);
        return true;
      } catch (err) {
        if (isTransientStoreError(err)) throw err;
        if (attempt >= maxAttempts) {
          await this.park(event, err, attempt);
          return false;
        }
      }
      await this.sleep(retryDelayMs * 2 ** (attempt - 1));
      if (this.isStopping) throw new StopRequested();
    }
  }

  private async park(event: RecordedEvent, error: unknown, attempts: number): Promise<void> {
    const { parked, lock, clock, logger } = this.deps;
    this.parkedCount = await lock.run(() =>
      parked.park({
        kind: 'reaction',
        projection: this.definition.name,
        version: 0,
        generation: 0,
        owner: `reaction:${this.definition.name}`,
        event,
        error,
        attempts,
        at: clock.now().toISOString(),
      }),
    );
    logger.error(`reaction ${this.definition.name}: parked ${event.type} at position ${event.position} after ${attempts} attempts`, {
      err: error,
      streamId: event.streamId,
      eventId: event.metadata.eventId,
    });
  }

  private async saveCheckpoint(last: RecordedEvent, handled: number): Promise<void> {
    const { checkpoints, lock, clock } = this.deps;
    const fields = {
      position: last.position,
      eventsHandled: this.eventsApplied + handled,
      parkedCount: this.parkedCount,
      lastEventAt: last.metadata.recordedAt,
      updatedAt: clock.now().toISOString(),
    };
    await lock.run(() => checkpoints.updateOne({ _id: this.definition.name }, { $set: fields }));
    this.lastEventAt = last.metadata.recordedAt;
    this.advance(last.position, handled);
  }
}
