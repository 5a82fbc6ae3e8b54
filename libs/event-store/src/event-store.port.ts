import type { NewEvent, Position, RecordedEvent } from '@aftercare/kernel';

export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendOptions {
  /**
   * The revision of the last event the caller saw in the stream (0-based), or
   * 'no_stream' (the stream must not exist), or 'any' (no check).
   */
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream (what to expect next time). */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: Position;
}

export interface ReadStreamOptions {
  /** Inclusive start revision: forwards defaults to 0, backwards to the end. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

/** When both lists are given an event must match both; an empty list matches nothing. */
export interface EventFilter {
  /** Exact event type strings. */
  types?: string[];
  /** Stream categories (the part of the stream name before the first '-'). */
  categories?: string[];
}

export interface ReadAllOptions {
  /** Inclusive start position: forwards defaults to the start, backwards to the end. */
  from?: Position;
  /** Inclusive end position (forwards only). */
  to?: Position;
  direction?: 'forwards' | 'backwards';
  filter?: EventFilter;
  limit?: number;
}

export interface SubscribeOptions {
  /** Inclusive start position; 0 (default) is the start of the log. */
  from?: Position;
  filter?: EventFilter;
  /** Most events in one batch (catch-up reads are paged by it). */
  batchSize?: number;
}

/**
 * A catch-up subscription: yields every matching event from `from`, then follows
 * live appends, in position order, with no gap and no duplicate. Iterate it either
 * event by event (for await … of subscription) or batch by batch
 * (subscription.batches()), not both. `close()` ends the iteration cleanly.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  batches(): AsyncIterable<RecordedEvent[]>;
  close(): Promise<void>;
}

/** The write side's single source of truth (ARCHITECTURE.md "Write side"). */
export interface EventStore {
  /**
   * Appends atomically. A stale expectedRevision throws WrongExpectedRevisionError
   * and writes nothing. When every event id is already stored in that stream the
   * call is a no-op returning the original result (idempotent retry).
   */
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** A missing stream reads as []. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads the global log ($all) lazily, page by page. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribe(options?: SubscribeOptions): EventSubscription;
  /** Position of the last event in the log; 0 when empty. */
  headPosition(): Promise<Position>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
