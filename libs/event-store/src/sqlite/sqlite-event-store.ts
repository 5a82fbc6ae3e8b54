import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';
import { categoryOf, type NewEvent, type Position, type RecordedEvent, type UpcasterRegistry } from '@aftercare/kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../event-store.port';
import { SqliteLogCursor, type EventRow, type LogCursorHost } from './sqlite-log-cursor';
import { SqliteEventSubscription, type SubscriptionHost } from './sqlite-event-subscription';

export interface SqliteEventStoreOptions {
  /** Path of the database file, usually `<AFTERCARE_DATA_DIR>/events.sqlite`; its directory is created. */
  file: string;
  /** Applied to every event read back; stored events are never rewritten. */
  upcasters?: UpcasterRegistry;
  /** How often live subscriptions look for commits made by other processes. */
  pollIntervalMs?: number;
}

/** Counters for metrics and for tests that check group commit. */
export interface SqliteEventStoreStats {
  /** Transactions committed by append (one per group). */
  commits: number;
  /** append() calls that wrote events. */
  appends: number;
}

const SCHEMA_VERSION = 3;

const SCHEMA = `
  CREATE TABLE kinds (
    kind INTEGER PRIMARY KEY,
    category TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (category, type)
  );
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    -- Position of the stream's previous event; NULL for its first.
    previous INTEGER,
    kind INTEGER NOT NULL REFERENCES kinds (kind),
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    -- event_id first: ids are mostly UUID v7, so new entries land on the index's
    -- last pages instead of on one page per stream.
    UNIQUE (event_id, stream_id)
  );
  CREATE INDEX events_by_kind ON events (kind, position);
  CREATE UNIQUE INDEX events_by_stream ON events (stream_id, revision);
  CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    last_position INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** v1 indexed type and category separately; v2 numbers each (category, type) pair once. */
/**
 * v3: the (stream, revision) uniqueness is a constraint of the file itself, not
 * only of this code, and a stream read is one index range instead of a walk of
 * back-links; every command reads its stream, so reads win over the extra page
 * a commit dirties.
 */
const STREAM_REVISION_INDEX = `CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, revision);`;

const KINDS_FROM_TYPE_AND_CATEGORY = `
  CREATE TABLE kinds (
    kind INTEGER PRIMARY KEY,
    category TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (category, type)
  );
  INSERT INTO kinds (category, type) SELECT category, type FROM events GROUP BY category, type ORDER BY min(position);
  ALTER TABLE events ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
  UPDATE events SET kind = (SELECT k.kind FROM kinds k WHERE k.category = events.category AND k.type = events.type);
  DROP INDEX events_by_type;
  DROP INDEX events_by_category;
  ALTER TABLE events DROP COLUMN category;
  CREATE INDEX events_by_kind ON events (kind, position);
`;
const READ_PAGE_SIZE = 1000;
const DEFAULT_BATCH_SIZE = 1000;
/** SQLite reads `LIMIT -1` as no limit. */
const NO_LIMIT = -1;

interface PendingAppend {
  stream: string;
  category: string;
  expected: ExpectedRevision;
  /** [eventId, type, data JSON, metadata JSON, kind] per event, serialised once at enqueue; kind is set in the transaction. */
  rows: [string, string, string, string, number][];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * The embedded event store: one SQLite file in WAL mode with `synchronous=FULL`,
 * so an append has reached the disk when its promise resolves.
 *
 * Appends are group-committed: everything enqueued in one event-loop turn is
 * written in one transaction (one fsync), each append checked against the stream
 * as the earlier appends of the group left it, so one stale append fails alone.
 *
 * A stream is a row in `streams` (revision, last position: the O(1) expected-
 * revision check) and its events are unique by (stream_id, revision), the index
 * readStream ranges over. Each event also keeps a back-link to the previous one of
 * its stream. What a commit costs is mostly how many pages it dirties, so filters
 * use one index, on the event's kind (its stream category and type, numbered in
 * `kinds`), rather than one on type and one on category.
 *
 * An append of no events writes nothing: it checks the expected revision and
 * returns the stream's current revision (-1 when missing) with the position of
 * its last event (0 when missing).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Connection;
  private readonly upcasters: UpcasterRegistry | undefined;
  private readonly pollIntervalMs: number;
  private readonly statements = new Map<string, Statement<unknown[], EventRow>>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<SqliteEventSubscription>();
  private pollTimer: NodeJS.Timeout | undefined;
  private dataVersion = 0;
  private readonly counters: SqliteEventStoreStats = { commits: 0, appends: 0 };
  /** `category NUL type` → kind, for writing. */
  private readonly kindIds = new Map<string, number>();
  /** Kinds added by the group being committed: forgotten again if it rolls back. */
  private kindsAddedInGroup: string[] = [];
  /** Every stored kind, for resolving filters; reloaded when kinds were added. */
  private kindList: { kind: number; category: string; type: string }[] = [];

  private readonly selectStream: Statement<[string], [number, number]>;
  private readonly insertEvent: Statement<[string, number, number | null, number, string, string, string, string]>;
  private readonly insertKind: Statement<[string, string]>;
  private readonly selectKind: Statement<[string, string], number>;
  private readonly selectKindsAfter: Statement<[number], { kind: number; category: string; type: string }>;
  private readonly selectLastKind: Statement<[], number | null>;
  private readonly upsertStream: Statement<[string, number, number]>;
  private readonly selectByEventId: Statement<[string, string], { revision: number; position: number }>;
  private readonly selectHead: Statement<[], number | null>;
  private readonly selectDataVersion: Statement<[], number>;
  private readonly commitGroup: (group: PendingAppend[], outcomes: Outcome[]) => void;
  private readonly appendInSavepoint: (pending: PendingAppend) => AppendResult;
  /** What cursors and subscriptions may use, without widening the store's public surface. */
  private readonly host: LogCursorHost & SubscriptionHost = {
    prepare: (sql) => this.prepare(sql),
    kindsMatching: (filter) => this.kindsMatching(filter),
    lastKind: () => this.lastKind(),
    headPositionNow: () => this.headPositionNow(),
    toRecorded: (row) => this.toRecorded(row),
    release: (subscription) => this.release(subscription),
  };

  constructor(options: SqliteEventStoreOptions) {
    fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    this.upcasters = options.upcasters;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Another process may hold the write lock for a commit; wait for it rather than fail.
    this.db.pragma('busy_timeout = 5000');
    this.migrate();

    this.selectStream = this.db
      .prepare<[string], [number, number]>('SELECT revision, last_position FROM streams WHERE stream_id = ?')
      .raw(true);
    this.insertEvent = this.db.prepare(
      'INSERT INTO events (stream_id, revision, previous, kind, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertKind = this.db.prepare('INSERT INTO kinds (category, type) VALUES (?, ?) ON CONFLICT (category, type) DO NOTHING');
    this.selectKind = this.db.prepare<[string, string], number>('SELECT kind FROM kinds WHERE category = ? AND type = ?').pluck();
    this.selectKindsAfter = this.db.prepare('SELECT kind, category, type FROM kinds WHERE kind > ? ORDER BY kind');
    this.selectLastKind = this.db.prepare<[], number | null>('SELECT max(kind) FROM kinds').pluck();
    this.upsertStream = this.db.prepare(
      'INSERT INTO streams (stream_id, revision, last_position) VALUES (?, ?, ?) ' +
        'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position',
    );
    this.selectByEventId = this.db.prepare('SELECT revision, position FROM events WHERE event_id = ? AND stream_id = ?');
    this.selectHead = this.db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();
    this.selectDataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();

    // Nested better-sqlite3 transactions are savepoints: a rejected append rolls back alone.
    // A one-event append needs none: it is rejected either before writing (stale
    // revision) or by its INSERT, which SQLite undoes as a statement.
    this.appendInSavepoint = this.db.transaction((pending: PendingAppend) => this.write(pending));
    const group = this.db.transaction((pending: PendingAppend[], outcomes: Outcome[]) => {
      // Kinds are added outside the appends' savepoints, so a rejected append cannot
      // take back a kind that a later append of the group relies on.
      for (const one of pending) {
        for (const row of one.rows) row[4] = this.kindOf(one.category, row[1]);
      }
      for (let i = 0; i < pending.length; i++) {
        const one = pending[i];
        try {
          outcomes[i] = { ok: true, result: one.rows.length > 1 ? this.appendInSavepoint(one) : this.write(one) };
        } catch (error) {
          // Anything but a rejection (I/O error, disk full) may have left a half-written
          // append behind: fail the whole group rather than commit it.
          if (!isRejection(error)) throw error;
          outcomes[i] = this.explainRejection(one, error);
        }
      }
    });
    // IMMEDIATE takes the write lock up front, so the revision checks read what the commit will follow.
    this.commitGroup = group.immediate;
  }

  get stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    let pending: PendingAppend;
    try {
      if (this.closed) throw new Error('event store is closed');
      pending = this.prepareAppend(stream, events, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
      this.queue.push(pending);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = options.limit ?? NO_LIMIT;
    const state = this.selectStream.get(stream);
    if (!state || limit === 0) return [];
    let lowest: number;
    let highest: number;
    if (backwards) {
      highest = Math.min(options.from ?? state[0], state[0]);
      lowest = limit === NO_LIMIT ? 0 : highest - limit + 1;
    } else {
      lowest = options.from ?? 0;
      highest = Number.MAX_SAFE_INTEGER;
    }
    // One range of the (stream_id, revision) index, in the wanted order.
    const statement = this.prepare(
      `SELECT position, stream_id, revision, type, data, metadata FROM events
       WHERE stream_id = ? AND revision BETWEEN ? AND ?
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT ?`,
    );
    const rows = statement.all(stream, lowest, highest, limit);
    return rows.map((row) => this.toRecorded(row));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return { [Symbol.asyncIterator]: () => this.openReadAll(options) };
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const from = options.from ?? 0;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!(batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
    const cursor = new SqliteLogCursor(this.host, options.filter, 'forwards', from - 1, this.headPositionNow());
    const subscription = new SqliteEventSubscription(this.host, cursor, batchSize);
    this.subscriptions.add(subscription);
    this.startPolling();
    return subscription;
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    return this.headPositionNow();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed, not dropped.
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.stopPolling();
    this.db.close();
  }

  private headPositionNow(): number {
    return this.selectHead.get() ?? 0;
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const event: RecordedEvent = {
      type: row[3],
      data: JSON.parse(row[4]),
      metadata: JSON.parse(row[5]),
      streamId: row[1],
      revision: row[2],
      position: row[0],
    };
    return this.upcasters ? this.upcasters.upcast(event) : event;
  }

  private release(subscription: SqliteEventSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stopPolling();
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    const outcomes = new Array<Outcome>(group.length);
    try {
      this.commitGroup(group, outcomes);
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the group is stored.
      for (const key of this.kindsAddedInGroup) this.kindIds.delete(key);
      this.kindsAddedInGroup = [];
      for (const pending of group) pending.reject(error);
      return;
    }
    if (this.kindsAddedInGroup.length > 0) this.kindsAddedInGroup = [];
    let wrote = false;
    for (let i = 0; i < group.length; i++) {
      const outcome = outcomes[i];
      if (outcome.ok) {
        wrote = true;
        group[i].resolve(outcome.result);
      } else {
        group[i].reject(outcome.error);
      }
    }
    this.counters.commits++;
    if (wrote) for (const subscription of this.subscriptions) subscription.notify();
  };

  private prepareAppend(stream: string, events: NewEvent[], options: AppendOptions): PendingAppend {
    if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('stream must be a non-empty string');
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    const expected = options?.expectedRevision;
    if (!(expected === 'any' || expected === 'no_stream' || (Number.isInteger(expected) && (expected as number) >= 0))) {
      throw new TypeError(`invalid expectedRevision ${String(expected)}`);
    }
    const rows = new Array<[string, string, string, string, number]>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const eventId = event.metadata?.eventId;
      if (typeof eventId !== 'string' || eventId.length === 0) throw new TypeError(`event ${i} has no metadata.eventId`);
      if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event ${i} has no type`);
      rows[i] = [eventId, event.type, JSON.stringify(event.data ?? {}), JSON.stringify(event.metadata), 0];
    }
    if (rows.length > 1) {
      const ids = new Set<string>();
      for (const row of rows) {
        if (ids.has(row[0])) throw new DuplicateEventIdError(stream, row[0]);
        ids.add(row[0]);
      }
    }
    return { stream, category: categoryOf(stream), expected, rows, resolve: noop, reject: noop };
  }

  /** Runs inside the group transaction. */
  private write(pending: PendingAppend): AppendResult {
    const { stream, expected, rows } = pending;
    const state = this.selectStream.get(stream);
    const current = state ? state[0] : -1;
    if (expected !== 'any' && (expected === 'no_stream' ? current !== -1 : expected !== current)) {
      throw new WrongExpectedRevisionError(stream, expected, current);
    }
    if (rows.length === 0) return { nextRevision: current, position: state ? state[1] : 0 };
    let revision = current;
    let previous: number | null = state ? state[1] : null;
    for (const row of rows) {
      revision++;
      previous = Number(
        this.insertEvent.run(stream, revision, previous, row[4], row[0], row[1], row[2], row[3]).lastInsertRowid,
      );
    }
    this.upsertStream.run(stream, revision, previous!);
    this.counters.appends++;
    return { nextRevision: revision, position: previous! };
  }

  /** Runs inside the group transaction, which holds the write lock: no other process adds kinds meanwhile. */
  private kindOf(category: string, type: string): number {
    const key = `${category}\u0000${type}`;
    let kind = this.kindIds.get(key);
    if (kind === undefined) {
      this.insertKind.run(category, type);
      kind = this.selectKind.get(category, type)!;
      this.kindIds.set(key, kind);
      this.kindsAddedInGroup.push(key);
    }
    return kind;
  }

  private kindsMatching(filter: EventFilter): { kinds: number[]; upTo: number } {
    const upTo = this.lastKind();
    const known = this.kindList.length === 0 ? 0 : this.kindList[this.kindList.length - 1].kind;
    if (upTo > known) this.kindList.push(...this.selectKindsAfter.all(known));
    const types = filter.types ? new Set(filter.types) : undefined;
    const categories = filter.categories ? new Set(filter.categories) : undefined;
    const kinds: number[] = [];
    for (const { kind, category, type } of this.kindList) {
      if ((!types || types.has(type)) && (!categories || categories.has(category))) kinds.push(kind);
    }
    return { kinds, upTo: Math.max(upTo, known) };
  }

  private lastKind(): number {
    return this.selectLastKind.get() ?? 0;
  }

  /**
   * A rejected append may be a retry of one already stored: then it is answered
   * with the original result. Only looked up on failure, so the hot path pays for
   * no per-event id lookups (the unique index catches a repeated id).
   */
  private explainRejection(pending: PendingAppend, error: unknown): Outcome {
    const isDuplicate = !(error instanceof WrongExpectedRevisionError);
    if (pending.rows.length === 0) return { ok: false, error };
    let stored: { revision: number; position: number } | undefined;
    let firstStoredId: string | undefined;
    let missing = false;
    for (const row of pending.rows) {
      stored = this.selectByEventId.get(row[0], pending.stream);
      if (stored) firstStoredId ??= row[0];
      else missing = true;
    }
    if (!missing && stored) return { ok: true, result: { nextRevision: stored.revision, position: stored.position } };
    if (isDuplicate && firstStoredId !== undefined) {
      return { ok: false, error: new DuplicateEventIdError(pending.stream, firstStoredId) };
    }
    return { ok: false, error };
  }

  private openReadAll(options: ReadAllOptions): AsyncIterator<RecordedEvent> {
    let cursor: SqliteLogCursor | undefined;
    let page: EventRow[] = [];
    let index = 0;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    const finished: IteratorReturnResult<undefined> = { value: undefined, done: true };
    return {
      next: (): Promise<IteratorResult<RecordedEvent>> => {
        try {
          if (index === page.length) {
            if (remaining <= 0) return Promise.resolve(finished);
            cursor ??= this.openCursor(options);
            page = cursor.nextPage(Math.min(READ_PAGE_SIZE, remaining));
            index = 0;
            remaining -= page.length;
            if (page.length === 0) return Promise.resolve(finished);
          }
          return Promise.resolve({ value: this.toRecorded(page[index++]), done: false });
        } catch (error) {
          return Promise.reject(error);
        }
      },
      return: (): Promise<IteratorResult<RecordedEvent>> => {
        page = [];
        index = 0;
        remaining = 0;
        return Promise.resolve(finished);
      },
    };
  }

  /** A read covers the log as it was when it started: events appended meanwhile are for subscriptions. */
  private openCursor(options: ReadAllOptions): SqliteLogCursor {
    this.assertOpen();
    const head = this.headPositionNow();
    if (options.direction === 'backwards') {
      const from = Math.min(options.from ?? head, head);
      return new SqliteLogCursor(this.host, options.filter, 'backwards', from + 1, 1);
    }
    const to = Math.min(options.to ?? head, head);
    return new SqliteLogCursor(this.host, options.filter, 'forwards', (options.from ?? 0) - 1, to);
  }

  private prepare(sql: string): Statement<unknown[], EventRow> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], EventRow>(sql).raw(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    this.dataVersion = this.selectDataVersion.get()!;
    this.pollTimer = setInterval(() => {
      // data_version moves only when another connection commits; our own commits notify directly.
      const version = this.selectDataVersion.get()!;
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      for (const subscription of this.subscriptions) subscription.notify();
    }, this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }

  private migrate(): void {
    const readVersion = () => this.db.pragma('user_version', { simple: true }) as number;
    if (readVersion() === SCHEMA_VERSION) return;
    // Re-read under the write lock: another process may have migrated meanwhile.
    this.db
      .transaction(() => {
        const version = readVersion();
        if (version > SCHEMA_VERSION) {
          throw new Error(`events database schema v${version} is newer than this build understands (v${SCHEMA_VERSION})`);
        }
        if (version === 0) this.db.exec(SCHEMA);
        if (version === 1) this.db.exec(KINDS_FROM_TYPE_AND_CATEGORY);
        if (version >= 1 && version < 3) this.db.exec(STREAM_REVISION_INDEX);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  }
}

function noop(): void {}

/** The ways one append is refused without harming the rest of its group. */
function isRejection(error: unknown): boolean {
  return (
    error instanceof WrongExpectedRevisionError ||
    (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
