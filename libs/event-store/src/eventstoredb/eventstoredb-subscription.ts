import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { Position, RecordedEvent } from '@aftercare/kernel';
import type { EventSubscription } from '../event-store.port';

export interface EventStoreDbSubscriptionSource {
  /**
   * Opens the server subscription; undefined when nothing can match, so nothing is
   * opened and the subscription only waits to be closed. Called once.
   */
  open(): Promise<AllStreamSubscription | undefined>;
  /** The event to deliver, or undefined to skip it (system event, client-side filter). */
  convert(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  /** Inclusive start the caller asked for; the server subscription may start earlier. */
  from: Position;
  batchSize: number;
  release(subscription: EventStoreDbSubscription): void;
}

/**
 * A catch-up subscription on $all. The server does catch-up and live itself and
 * sends events in position order; this adapts its Node stream to the port:
 * batches are whatever the stream has buffered (up to batchSize) when asked, so a
 * catch-up yields full batches and a quiet live phase yields events as they come,
 * without waiting to fill a batch.
 *
 * Guards kept here rather than trusted to the server: nothing before `from`
 * (the server subscription may start at an earlier position, see
 * EventStoreDbEventStore.seekAfter), and nothing at or before the last position
 * delivered, so a replayed event can never reach a projection twice.
 */
export class EventStoreDbSubscription implements EventSubscription {
  private source: AllStreamSubscription | undefined;
  private closed = false;
  private ended = false;
  private failure: unknown;
  private iterated = false;
  private lastPosition = -1;
  private wake: (() => void) | undefined;
  private readonly started: Promise<void>;
  /** Serialises next() calls made without awaiting the previous one. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EventStoreDbSubscriptionSource) {
    this.started = this.start();
  }

  batches(): AsyncIterable<RecordedEvent[]> {
    this.claim();
    const iterator: AsyncIterator<RecordedEvent[]> = {
      next: () => this.serialised(() => this.nextBatch().then((batch) => (batch ? { value: batch, done: false } : done()))),
      return: () => this.close().then(done),
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.claim();
    let buffer: RecordedEvent[] = [];
    let index = 0;
    return {
      next: () => {
        if (index < buffer.length) return Promise.resolve({ value: buffer[index++], done: false });
        return this.serialised(async () => {
          if (index < buffer.length) return { value: buffer[index++], done: false };
          const batch = await this.nextBatch();
          if (!batch) return done();
          buffer = batch;
          index = 1;
          return { value: batch[0], done: false };
        });
      },
      return: () => this.close().then(done),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.release(this);
    this.notify();
    await this.started;
    const source = this.source;
    this.source = undefined;
    if (source) {
      await source.unsubscribe();
      source.destroy();
    }
  }

  private async start(): Promise<void> {
    try {
      const source = await this.options.open();
      if (!source) return;
      if (this.closed) {
        await source.unsubscribe();
        source.destroy();
        return;
      }
      this.source = source;
      // Attached in the same turn the stream was created, before it can emit anything.
      source.on('readable', this.notify);
      source.on('end', () => {
        this.ended = true;
        this.notify();
      });
      source.on('error', (error) => {
        this.failure ??= error;
        this.notify();
      });
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.notify();
    }
  }

  private readonly notify = (): void => {
    const wake = this.wake;
    if (wake) {
      this.wake = undefined;
      wake();
    }
  };

  private async nextBatch(): Promise<RecordedEvent[] | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      if (this.failure !== undefined) throw this.failure;
      const batch = this.drainBuffered();
      if (batch.length > 0) return batch;
      if (this.ended) throw new Error('EventStoreDB ended the $all subscription');
      // Reading and going to sleep happen in one turn, so a 'readable' cannot slip between them.
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private drainBuffered(): RecordedEvent[] {
    const batch: RecordedEvent[] = [];
    const source = this.source;
    if (!source) return batch;
    while (batch.length < this.options.batchSize) {
      const resolved = source.read() as AllStreamResolvedEvent | null;
      if (resolved === null) break;
      const event = this.options.convert(resolved);
      if (!event || event.position < this.options.from || event.position <= this.lastPosition) continue;
      this.lastPosition = event.position;
      batch.push(event);
    }
    return batch;
  }

  private claim(): void {
    if (this.iterated) throw new Error('a subscription is iterated once, either by event or by batch');
    this.iterated = true;
  }

  private serialised<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function done(): IteratorReturnResult<undefined> {
  return { value: undefined, done: true };
}
