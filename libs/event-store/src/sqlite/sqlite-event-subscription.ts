import type { RecordedEvent } from '@aftercare/kernel';
import type { EventSubscription } from '../event-store.port';
import type { EventRow, SqliteLogCursor } from './sqlite-log-cursor';

/** What a subscription needs from its store; kept narrow so the store owns the connection. */
export interface SubscriptionHost {
  headPositionNow(): number;
  toRecorded(row: EventRow): RecordedEvent;
  release(subscription: SqliteEventSubscription): void;
}

/**
 * Catch-up then live, on one cursor: every batch is read as "after the last
 * position delivered, up to a head read just before", so appends racing the
 * catch-up can neither be skipped nor delivered twice. When the cursor reaches
 * the head it sleeps until the store signals a commit (its own, or another
 * process's seen by polling).
 */
export class SqliteEventSubscription implements EventSubscription {
  private closed = false;
  private iterated = false;
  private wake: (() => void) | undefined;
  /** Serialises next() calls made without awaiting the previous one. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: SubscriptionHost,
    private readonly cursor: SqliteLogCursor,
    private readonly batchSize: number,
  ) {}

  /** Called after any commit that may have added events. */
  notify(): void {
    const wake = this.wake;
    if (wake) {
      this.wake = undefined;
      wake();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.host.release(this);
    this.notify();
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

  private claim(): void {
    if (this.iterated) throw new Error('a subscription is iterated once, either by event or by batch');
    this.iterated = true;
  }

  private serialised<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async nextBatch(): Promise<RecordedEvent[] | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const rows = this.cursor.nextPage(this.batchSize);
      if (rows.length > 0) {
        const batch = new Array<RecordedEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) batch[i] = this.host.toRecorded(rows[i]);
        return batch;
      }
      const head = this.host.headPositionNow();
      if (head > this.cursor.upTo) {
        this.cursor.extend(head);
        continue;
      }
      // Head check and sleep happen in the same turn, so an in-process commit
      // cannot slip between them; another process's commit is caught by the poll.
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

function done(): IteratorReturnResult<undefined> {
  return { value: undefined, done: true };
}
