import type { Position, RecordedEvent } from '@aftercare/kernel';
import type { EventStore, EventSubscription } from '@aftercare/event-store';
import { firstMatchingAfter } from './event-lag';
import type { RunnerLogger } from './runner-logger';

export type WorkerPhase = 'idle' | 'catching_up' | 'live' | 'stopped';

export interface SubscriptionWorkerOptions {
  eventStore: EventStore;
  types: string[];
  batchSize: number;
  logger: RunnerLogger;
  /** Names the worker in logs. */
  label: string;
}

/** Thrown out of a batch when stop() interrupts its retries: nothing is committed for the event. */
export class StopRequested extends Error {
  constructor() {
    super('stop requested');
    this.name = 'StopRequested';
  }
}

const RATE_WINDOW_MS = 5_000;
const MAX_OUTAGE_DELAY_MS = 30_000;

/**
 * One checkpointed subscription: catch up from the checkpoint, then follow live,
 * batch by batch; resubscribe from the checkpoint after a store outage. The
 * checkpoint in memory only moves once a batch is durable (`advance`), so a
 * resubscription never skips an event, and events at or before it are dropped
 * from every batch, so none is applied twice.
 */
export abstract class SubscriptionWorker {
  phase: WorkerPhase = 'idle';
  protected position: Position;
  /** No unapplied event of our types sits at or below this position. */
  private knownUpTo: Position = 0;
  private stopping = false;
  private subscription: EventSubscription | undefined;
  private running: Promise<void> | undefined;
  private progressWaiters: (() => void)[] = [];
  private wakeSleeper: (() => void) | undefined;
  private applied = 0;
  private readonly samples: [number, number][] = [];

  protected constructor(
    protected readonly options: SubscriptionWorkerOptions,
    startPosition: Position,
    eventsApplied: number,
  ) {
    this.position = startPosition;
    this.applied = eventsApplied;
  }

  get checkpoint(): Position {
    return this.position;
  }

  get eventsApplied(): number {
    return this.applied;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Events applied per second over the last few seconds. */
  get eventsPerSecond(): number {
    const now = Date.now();
    this.trimSamples(now);
    if (this.samples.length === 0) return 0;
    const [t0, n0] = this.samples[0];
    const elapsed = now - t0;
    return elapsed <= 0 ? 0 : ((this.applied - n0) * 1000) / elapsed;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Closes the subscription and waits for the batch in flight to commit or roll back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    const subscription = this.subscription;
    if (subscription) await subscription.close().catch(() => undefined);
    await this.running;
    this.running = undefined;
  }

  /**
   * Whether every event of our types at or before `target` is applied. Answered
   * from memory when it can; otherwise by looking for an unapplied event, since
   * the checkpoint only moves on events we read and the log may end with others.
   */
  async hasAppliedUpTo(target: Position): Promise<boolean> {
    const from = this.position;
    if (from >= target || this.knownUpTo >= target) return true;
    if (await firstMatchingAfter(this.options.eventStore, this.options.types, from, target)) return false;
    if (target > this.knownUpTo) this.knownUpTo = target;
    return true;
  }

  /** Resolves on the next committed batch, on stop, or after `ms`. */
  waitForProgress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.progressWaiters;
      function done(): void {
        clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  /** Applies a batch durably and calls `advance`; may throw to resubscribe from the checkpoint. */
  protected abstract processBatch(events: RecordedEvent[]): Promise<void>;

  /** Called once, the first time the worker has applied everything up to the head. */
  protected async onCaughtUp(): Promise<void> {}

  /** Records that everything up to `position` is durable. */
  protected advance(position: Position, applied: number): void {
    this.position = position;
    this.applied += applied;
    const now = Date.now();
    this.samples.push([now, this.applied]);
    this.trimSamples(now);
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const wake of waiters) wake();
  }

  /** A pause that stop() cuts short. */
  protected sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms);
      const self = this;
      function wake(): void {
        clearTimeout(timer);
        if (self.wakeSleeper === wake) self.wakeSleeper = undefined;
        resolve();
      }
      this.wakeSleeper = wake;
    });
  }

  private async loop(): Promise<void> {
    const { eventStore, types, batchSize, logger, label } = this.options;
    let failures = 0;
    while (!this.stopping) {
      let subscription: EventSubscription | undefined;
      try {
        if (this.phase !== 'live') {
          this.phase = 'catching_up';
          await this.checkCaughtUp();
        }
        if (this.stopping) break;
        subscription = eventStore.subscribe({ from: this.position + 1, filter: { types }, batchSize });
        this.subscription = subscription;
        for await (const batch of subscription.batches()) {
          if (this.stopping) break;
          const fresh = this.unapplied(batch);
          if (fresh.length > 0) await this.processBatch(fresh);
          failures = 0;
          if (this.stopping) break;
          if (this.phase !== 'live') await this.checkCaughtUp();
        }
      } catch (err) {
        if (this.stopping || err instanceof StopRequested) break;
        failures++;
        const delay = Math.min(MAX_OUTAGE_DELAY_MS, 250 * 2 ** Math.min(failures - 1, 7));
        logger.error(`${label}: batch failed, resubscribing from position ${this.position} in ${delay} ms`, { err });
        await this.sleep(delay);
      } finally {
        this.subscription = undefined;
        if (subscription) await subscription.close().catch(() => undefined);
      }
    }
    this.phase = 'stopped';
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const wake of waiters) wake();
  }

  private unapplied(batch: RecordedEvent[]): RecordedEvent[] {
    if (batch.length === 0 || batch[0].position > this.position) return batch;
    return batch.filter((e) => e.position > this.position);
  }

  private async checkCaughtUp(): Promise<void> {
    const { eventStore, types } = this.options;
    const head = await eventStore.headPosition();
    if (await firstMatchingAfter(eventStore, types, this.position, head)) return;
    if (head > this.knownUpTo) this.knownUpTo = head;
    // Live only once the hook succeeded: a failed switch is tried again after the next batch.
    await this.onCaughtUp();
    this.phase = 'live';
  }

  private trimSamples(now: number): void {
    while (this.samples.length > 1 && now - this.samples[0][0] > RATE_WINDOW_MS) this.samples.shift();
  }
}
