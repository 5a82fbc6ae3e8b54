import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, Position, RecordedEvent, UpcasterRegistry } from '@aftercare/kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../event-store.port';
import {
  EXCLUDE_SYSTEM_EVENTS,
  commitPositionOf,
  planFilter,
  readAllFiltered,
  toClientFilter,
  toPosition,
  toReadPosition,
  type FilterPlan,
} from './eventstoredb-reads';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** Connection string, e.g. `esdb://localhost:2113?tls=false` or `esdb+discover://cluster.example:2113`. */
  url: string;
  /** Applied to every event read back; stored events are never rewritten. */
  upcasters?: UpcasterRegistry;
}

const READ_PAGE_SIZE = 500;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_BATCH_SIZE = 1000;
/** Stream reads page backwards by this much while looking for a retried append's event ids. */
const ID_SEARCH_PAGE = 100;

/**
 * The scale-out event store (ARCHITECTURE.md): EventStoreDB / KurrentDB through
 * @eventstore/db-client. Streams are named `<category>-<id>` as given, so the
 * server's `$ce-<category>` projection works; every event is JSON with the
 * envelope as its metadata and `metadata.eventId` as its event id.
 *
 * Positions are $all commit positions: byte offsets in the server's log, so they
 * increase but are far from contiguous, and only positions where a record starts
 * can be read from. The port lets a caller start at any position (a consumer
 * resumes "from checkpoint + 1"), so every read or subscription that starts at a
 * position first finds where the server can start (see seekAfter).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly upcasters: UpcasterRegistry | undefined;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.url);
    this.upcasters = options.upcasters;
  }

  /**
   * A retry whose ids are already stored is recognised when the server rejects it
   * (see explainConflict). One case the server does not reject: a retry that
   * expects the stream's *current* revision is written again, because the server
   * checks ids only when the expected revision is behind. A command handler that
   * re-reads the stream before retrying must therefore look for its event ids in
   * what it read (checking on every append here would double every write's round trips).
   */
  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const expected = validateAppend(stream, events, options);
    if (events.length === 0) return this.checkWithoutWriting(stream, expected);
    const proposed = events.map((event) =>
      jsonEvent({
        id: event.metadata.eventId,
        type: event.type,
        data: (event.data ?? {}) as JSONType,
        metadata: event.metadata as unknown as JSONType,
      }),
    );
    try {
      const result = await this.client.appendToStream(stream, proposed, { expectedRevision: toExpectedRevision(expected) });
      const nextRevision = Number(result.nextExpectedRevision);
      if (result.position) return { nextRevision, position: toPosition(result.position.commit) };
      // Servers before 22.x answer a retried (idempotent) append without its position.
      const [last] = await this.readStream(stream, { from: nextRevision, limit: 1 });
      return { nextRevision, position: last.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return this.explainConflict(stream, events, expected, error);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    if (limit <= 0) return [];
    const fromRevision = options.from === undefined ? (backwards ? END : START) : BigInt(options.from);
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        fromRevision,
        direction: backwards ? BACKWARDS : FORWARDS,
        maxCount: limit,
      })) {
        const event = this.toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return {
      [Symbol.asyncIterator]: () =>
        options.direction === 'backwards' ? this.readAllBackwards(options) : this.readAllForwards(options),
    };
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const from = options.from ?? 0;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!(batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
    const plan = planFilter(options.filter);
    const subscription = new EventStoreDbSubscription({
      from,
      batchSize,
      open: async () => {
        if (plan.matchesNothing) return undefined;
        const after = await this.seekAfter(from);
        // subscribeToAll starts AFTER the position it is given (exclusive); seekAfter
        // returns a position with nothing between it and `from`.
        return this.client.subscribeToAll(
          { fromPosition: after === 'start' ? START : toReadPosition(after), filter: toClientFilter(plan.server) },
          // Lets a catch-up buffer a whole batch, so batches fill up to batchSize.
          { highWaterMark: batchSize },
        );
      },
      convert: (resolved) => this.accepted(resolved, plan),
      release: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    // The server writes system events ($statsCollected…) of its own; the head is the last domain event.
    const [last] = await readAllFiltered(this.client, END, 'backwards', 1, EXCLUDE_SYSTEM_EVENTS);
    return last ? (commitPositionOf(last) ?? 0) : 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async *readAllForwards(options: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const plan = planFilter(options.filter);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    const from = options.from ?? 0;
    const to = options.to ?? Number.POSITIVE_INFINITY;
    if (plan.matchesNothing || remaining <= 0 || from > to) return;

    let cursor: ReadPosition = START;
    // A forward read includes the event at its start position: skip what was seen.
    let seenUpTo = -1;
    if (from > 0) {
      const after = await this.seekAfter(from);
      if (after !== 'start') {
        cursor = toReadPosition(after);
        seenUpTo = after;
      }
    }
    for (;;) {
      const page = await readAllFiltered(this.client, cursor, 'forwards', READ_PAGE_SIZE, plan.server);
      let last = seenUpTo;
      for (const resolved of page) {
        const position = commitPositionOf(resolved);
        if (position === undefined || position <= seenUpTo) continue;
        last = position;
        if (position < from) continue;
        if (position > to) return;
        const event = this.accepted(resolved, plan);
        if (!event) continue;
        yield event;
        if (--remaining <= 0) return;
      }
      if (page.length < READ_PAGE_SIZE || last === seenUpTo) return;
      cursor = toReadPosition(last);
      seenUpTo = last;
    }
  }

  private async *readAllBackwards(options: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const plan = planFilter(options.filter);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    const from = options.from;
    if (plan.matchesNothing || remaining <= 0 || (from !== undefined && from < 0)) return;

    // A backward read excludes the record at its start position: start after `from`.
    let cursor: ReadPosition = from === undefined ? END : await this.backwardsStart(from);
    for (;;) {
      const page = await readAllFiltered(this.client, cursor, 'backwards', READ_PAGE_SIZE, plan.server);
      let last: Position | undefined;
      for (const resolved of page) {
        const position = commitPositionOf(resolved);
        if (position === undefined) continue;
        last = position;
        if (from !== undefined && position > from) continue;
        const event = this.accepted(resolved, plan);
        if (!event) continue;
        yield event;
        if (--remaining <= 0) return;
      }
      if (page.length < READ_PAGE_SIZE || last === undefined) return;
      cursor = toReadPosition(last);
    }
  }

  /**
   * Where to start reading forwards (or subscribing) so that the first events
   * are those at `from` and after: a position the server can read from (where a
   * record starts) with no event between it and `from`, or 'start'.
   *
   * EventStoreDB rejects a position inside a record ("Trying to read from an
   * invalid position"), so `from` cannot simply be passed on. In order:
   * - `from - 1` is a record: the usual "checkpoint + 1" resume;
   * - `from` is a record: a read "from this event", e.g. from a position returned
   *   by append; then the record just before it;
   * - `from` lies past the last record: the last record;
   * - otherwise `from` was never a position of this log: read from the start and
   *   let the caller's `position >= from` guard skip the rest (slow, but correct).
   * Probing an invalid position costs a failed read, nothing else.
   */
  private async seekAfter(from: Position): Promise<Position | 'start'> {
    if (from <= 0) return 'start';
    if ((await this.recordPositionsFrom(from - 1, 1))[0] === from - 1) return from - 1;
    if ((await this.recordPositionsFrom(from, 1))[0] === from) {
      const previous = await this.recordPositions(toReadPosition(from), BACKWARDS, 1);
      return previous[0] ?? 'start';
    }
    const [last] = await this.recordPositions(END, BACKWARDS, 1);
    if (last !== undefined && from > last) return last;
    return 'start';
  }

  /** A backward read starts at the record after `from` (or the end), so it includes `from`. */
  private async backwardsStart(from: Position): Promise<ReadPosition> {
    const [at, next] = await this.recordPositionsFrom(from, 2);
    if (at === from) return next === undefined ? END : toReadPosition(next);
    // Not a record: scan back from the end, skipping what lies after `from`.
    return END;
  }

  /** Positions of the records from `position` on; [] when `position` is not one the server can read from. */
  private async recordPositionsFrom(position: Position, count: number): Promise<Position[]> {
    try {
      return await this.recordPositions(toReadPosition(position), FORWARDS, count);
    } catch (error) {
      if (isOperationalFailure(error)) throw error;
      return [];
    }
  }

  /** Raw $all records, system events included: they are record boundaries too. */
  private async recordPositions(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, count: number): Promise<Position[]> {
    const positions: Position[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount: count })) {
      const position = commitPositionOf(resolved);
      if (position !== undefined) positions.push(position);
    }
    return positions;
  }

  /**
   * A rejected append may be a retry of one already stored (EventStoreDB only
   * recognises a retry by its ids when the expected revision is also the one
   * first used): then it answers with the original result, like the sqlite
   * adapter. Only looked up on conflict, so the hot path pays nothing.
   */
  private async explainConflict(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    error: WrongExpectedVersionError,
  ): Promise<AppendResult> {
    const wanted = new Set(events.map((e) => e.metadata.eventId.toLowerCase()));
    const stored = await this.findStoredIds(stream, wanted);
    if (stored.size === wanted.size) {
      let last: { revision: number; position: Position } | undefined;
      for (const found of stored.values()) if (!last || found.revision > last.revision) last = found;
      return { nextRevision: last!.revision, position: last!.position };
    }
    if (stored.size > 0) {
      const firstStored = events.find((e) => stored.has(e.metadata.eventId.toLowerCase()))!;
      throw new DuplicateEventIdError(stream, firstStored.metadata.eventId);
    }
    const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
    throw new WrongExpectedRevisionError(stream, expected, actual);
  }

  /** Reads the stream from its end until every wanted id is found or the stream is exhausted. */
  private async findStoredIds(stream: string, wanted: Set<string>): Promise<Map<string, { revision: number; position: Position }>> {
    const found = new Map<string, { revision: number; position: Position }>();
    let fromRevision: bigint | typeof END = END;
    for (;;) {
      let count = 0;
      let lowest: bigint | undefined;
      try {
        for await (const resolved of this.client.readStream(stream, { fromRevision, direction: BACKWARDS, maxCount: ID_SEARCH_PAGE })) {
          count++;
          const event = resolved.event;
          if (!event) continue;
          lowest = event.revision;
          const id = event.id.toLowerCase();
          if (wanted.has(id)) found.set(id, { revision: Number(event.revision), position: commitPositionOf(resolved)! });
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return found;
        throw error;
      }
      if (found.size === wanted.size || count < ID_SEARCH_PAGE || lowest === undefined || lowest === 0n) return found;
      fromRevision = lowest - 1n;
    }
  }

  /** An append of no events writes nothing: it checks the expected revision and reports where the stream is. */
  private async checkWithoutWriting(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(stream, { direction: 'backwards', limit: 1 });
    const current = last ? last.revision : -1;
    if (expected !== 'any' && (expected === 'no_stream' ? current !== -1 : expected !== current)) {
      throw new WrongExpectedRevisionError(stream, expected, current);
    }
    return { nextRevision: current, position: last ? last.position : 0 };
  }

  private accepted(resolved: AllStreamResolvedEvent, plan: FilterPlan): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || !plan.accepts(event)) return undefined;
    return this.toRecorded(resolved);
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event) return undefined;
    const position = commitPositionOf(resolved);
    if (position === undefined) throw new Error(`event ${event.id} in ${event.streamId} has no $all position`);
    const metadata = (isObject(event.metadata) ? event.metadata : { eventId: event.id }) as EventMetadata;
    const recorded: RecordedEvent = {
      type: event.type,
      // JSON for every event this adapter writes; a foreign binary event keeps its bytes.
      data: event.data as Record<string, unknown>,
      metadata,
      streamId: event.streamId,
      revision: Number(event.revision),
      position,
    };
    return this.upcasters ? this.upcasters.upcast(recorded) : recorded;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function validateAppend(stream: string, events: NewEvent[], options: AppendOptions): ExpectedRevision {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('stream must be a non-empty string');
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const expected = options?.expectedRevision;
  if (!(expected === 'any' || expected === 'no_stream' || (Number.isInteger(expected) && (expected as number) >= 0))) {
    throw new TypeError(`invalid expectedRevision ${String(expected)}`);
  }
  const ids = new Set<string>();
  events.forEach((event, i) => {
    const eventId = event.metadata?.eventId;
    if (typeof eventId !== 'string' || eventId.length === 0) throw new TypeError(`event ${i} has no metadata.eventId`);
    // The server parses event ids as UUIDs; a clear error here beats an opaque one from the server.
    if (!UUID_PATTERN.test(eventId)) throw new TypeError(`event ${i}: metadata.eventId "${eventId}" is not a UUID`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event ${i} has no type`);
    // EventStoreDB compares ids as UUIDs, so case does not make two ids different.
    const key = eventId.toLowerCase();
    if (ids.has(key)) throw new DuplicateEventIdError(stream, eventId);
    ids.add(key);
  });
  return expected;
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}

/** Failures that say nothing about a position: they must surface, not be read as "not a record". */
function isOperationalFailure(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof AccessDeniedError ||
    error instanceof NotLeaderError
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
