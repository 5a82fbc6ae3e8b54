/**
 * The storage model behind the EventStoreDB gRPC double: one transaction log in
 * memory, modelled on what the client can observe of the real server.
 *
 * - Every event is a record at a log position (a byte offset). A record's size
 *   grows with its stream name, type, data and metadata, so positions are NOT
 *   contiguous and the gaps vary, as on the real server. Commit and prepare
 *   positions are equal (non-transactional writes).
 * - Only record boundaries are valid read positions. Reading or subscribing from
 *   the middle of a record is rejected like EventStoreDB 24.x rejects it
 *   ("Trying to read from an invalid position"); older servers fail or hang.
 * - Append checks follow the server's IndexWriter.CheckCommit, including its
 *   idempotency rules for retried event ids.
 */

export type ExpectedState =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: number };

export interface ProposedEvent {
  /** Lower-case UUID. */
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  streamId: string;
  revision: number;
  /** Pre-position of the record: its commit and prepare position. */
  position: number;
  /** Where the next record starts. */
  postPosition: number;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  createdTicks: bigint;
}

export type AppendOutcome =
  | { kind: 'written' | 'idempotent'; lastRevision: number; position: number }
  | { kind: 'wrong_expected_version'; current: number };

/** Filter as the Read call carries it: on the event type or the stream name, by regex or by prefixes. */
export interface RecordFilter {
  on: 'event_type' | 'stream_name';
  regex?: string;
  prefixes?: string[];
}

/** Thrown for a read or subscription that starts inside a record. */
export class InvalidPositionError extends Error {
  constructor(readonly position: number) {
    super('Trying to read from an invalid position.');
  }
}

export interface LiveListener {
  (records: LogRecord[]): void;
}

/** The first record starts after a chunk header and an epoch record, as on a fresh server. */
const FIRST_RECORD_POSITION = 136;
/** Fixed part of a prepare record: flags, positions, revision, timestamps, two UUIDs, length prefix and suffix. */
const RECORD_OVERHEAD = 81;

export class InMemoryLog {
  private readonly records: LogRecord[] = [];
  private readonly byPosition = new Map<number, LogRecord>();
  private readonly streams = new Map<string, LogRecord[]>();
  /**
   * Event id → record. The real server keeps a bounded cache of recently committed
   * ids for the `any` / `stream_exists` idempotency check; this one never forgets.
   */
  private readonly byEventId = new Map<string, LogRecord>();
  private readonly listeners = new Set<LiveListener>();
  private end = FIRST_RECORD_POSITION;

  /** Position after the last record: where the next write lands. */
  get endPosition(): number {
    return this.end;
  }

  /** Position of the last record, or -1 when there is none. */
  get lastPosition(): number {
    return this.records.length === 0 ? -1 : this.records[this.records.length - 1].position;
  }

  get size(): number {
    return this.records.length;
  }

  append(streamId: string, expected: ExpectedState, proposed: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const decision = this.checkCommit(streamId, stream, current, expected, proposed);
    if (decision.kind !== 'ok') return decision;
    if (proposed.length === 0) return { kind: 'written', lastRevision: current, position: stream[current]?.position ?? -1 };

    const written: LogRecord[] = [];
    const createdTicks = BigInt(Date.now()) * 10_000n;
    let revision = current;
    for (const event of proposed) {
      revision++;
      const position = this.end;
      this.end += recordSize(streamId, event);
      const record: LogRecord = { ...event, streamId, revision, position, postPosition: this.end, createdTicks };
      written.push(record);
    }
    // All of the batch becomes visible at once: an append is atomic.
    for (const record of written) {
      this.records.push(record);
      this.byPosition.set(record.position, record);
      this.byEventId.set(record.id, record);
      stream.push(record);
    }
    this.streams.set(streamId, stream);
    for (const listener of [...this.listeners]) listener(written);
    const last = written[written.length - 1];
    return { kind: 'written', lastRevision: last.revision, position: last.position };
  }

  readStream(streamId: string, from: number | 'start' | 'end', direction: 'forwards' | 'backwards', count: number): LogRecord[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    const out: LogRecord[] = [];
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? stream.length : from;
      for (let r = start; r < stream.length && out.length < count; r++) out.push(stream[r]);
    } else {
      const start = from === 'start' ? 0 : from === 'end' ? stream.length - 1 : Math.min(from, stream.length - 1);
      for (let r = start; r >= 0 && out.length < count; r--) out.push(stream[r]);
    }
    return out;
  }

  /**
   * Forwards from `from` inclusive; backwards from `from` exclusive (a backward
   * read starts at a post-position: it returns the records that end before it).
   */
  readAll(from: number | 'start' | 'end', direction: 'forwards' | 'backwards', count: number, filter?: RecordFilter): LogRecord[] {
    const match = compileFilter(filter);
    const out: LogRecord[] = [];
    if (direction === 'forwards') {
      if (from === 'end') return out;
      const start = from === 'start' ? 0 : this.forwardStartIndex(from);
      for (let i = start; i < this.records.length && out.length < count; i++) {
        if (match(this.records[i])) out.push(this.records[i]);
      }
    } else {
      const start = from === 'end' ? this.records.length - 1 : this.backwardStartIndex(from === 'start' ? 0 : from);
      for (let i = start; i >= 0 && out.length < count; i--) {
        if (match(this.records[i])) out.push(this.records[i]);
      }
    }
    return out;
  }

  /**
   * Catch-up then live, as the server's $all subscription: everything after the
   * (exclusive) checkpoint, then every later append, with nothing missed between
   * the two because both happen in this one synchronous call.
   */
  subscribe(
    checkpoint: number | 'start' | 'end',
    filter: RecordFilter | undefined,
    onCatchUp: (records: LogRecord[]) => void,
    onLive: LiveListener,
  ): () => void {
    const match = compileFilter(filter);
    let after: number;
    if (checkpoint === 'end') {
      after = this.lastPosition;
      onCatchUp([]);
    } else if (checkpoint === 'start') {
      after = -1;
      onCatchUp(this.records.filter(match));
    } else if (checkpoint >= this.lastPosition) {
      // The server goes live at once when the checkpoint is at or past the last
      // indexed record, whether or not it is a record boundary.
      after = checkpoint;
      onCatchUp([]);
    } else {
      const start = this.forwardStartIndex(checkpoint);
      after = checkpoint;
      onCatchUp(this.records.slice(start).filter((r) => r.position > after && match(r)));
    }
    const listener: LiveListener = (records) => {
      const live = records.filter((r) => r.position > after && match(r));
      if (live.length > 0) onLive(live);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index of the record at `position`; past the last record the read is simply empty. */
  private forwardStartIndex(position: number): number {
    if (position > this.lastPosition) return this.records.length;
    const record = this.byPosition.get(position);
    if (!record) {
      if (position === 0) return 0;
      throw new InvalidPositionError(position);
    }
    return this.indexOf(record);
  }

  /** Index of the last record that ends at or before `position`. */
  private backwardStartIndex(position: number): number {
    if (position === this.end) return this.records.length - 1;
    if (position === 0) return -1;
    const record = this.byPosition.get(position);
    if (!record) throw new InvalidPositionError(position);
    return this.indexOf(record) - 1;
  }

  private indexOf(record: LogRecord): number {
    // Records are in position order; binary search keeps catch-ups of long logs cheap.
    let lo = 0;
    let hi = this.records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.records[mid].position;
      if (p === record.position) return mid;
      if (p < record.position) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`record at ${record.position} is not in the log`);
  }

  /** IndexWriter.CheckCommit of the real server, for one stream. */
  private checkCommit(
    streamId: string,
    stream: LogRecord[],
    current: number,
    expected: ExpectedState,
    proposed: ProposedEvent[],
  ): { kind: 'ok' } | AppendOutcome {
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', current };
    if (expected.kind === 'stream_exists' && current < 0) return wrong;

    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      let first: LogRecord | undefined;
      let last: LogRecord | undefined;
      for (const event of proposed) {
        const stored = this.byEventId.get(event.id);
        if (!stored || stored.streamId !== streamId) {
          // Not a retry; but a retry of only part of a batch is "corrupted idempotency".
          return first ? wrong : { kind: 'ok' };
        }
        first ??= stored;
        last = stored;
      }
      if (!last) return { kind: 'ok' };
      return { kind: 'idempotent', lastRevision: last.revision, position: last.position };
    }

    const expectedVersion = expected.kind === 'no_stream' ? -1 : expected.revision;
    if (expectedVersion < current) {
      // A retry of an append that already happened: the same ids right after the expected revision.
      let revision = expectedVersion;
      for (const event of proposed) {
        revision++;
        if (stream[revision]?.id === event.id) continue;
        return wrong;
      }
      if (revision === expectedVersion) return wrong;
      return { kind: 'idempotent', lastRevision: revision, position: stream[revision].position };
    }
    if (expectedVersion > current) return wrong;
    return { kind: 'ok' };
  }
}

function recordSize(streamId: string, event: ProposedEvent): number {
  return (
    RECORD_OVERHEAD +
    Buffer.byteLength(streamId) +
    Buffer.byteLength(event.type) +
    Buffer.byteLength(event.contentType) +
    event.data.byteLength +
    event.customMetadata.byteLength
  );
}

function compileFilter(filter: RecordFilter | undefined): (record: LogRecord) => boolean {
  if (!filter) return () => true;
  const target = filter.on === 'event_type' ? (r: LogRecord) => r.type : (r: LogRecord) => r.streamId;
  // The server uses the regex when one is given, else the prefixes.
  if (filter.regex) {
    const regex = new RegExp(filter.regex);
    return (r) => regex.test(target(r));
  }
  const prefixes = filter.prefixes ?? [];
  return (r) => prefixes.some((p) => target(r).startsWith(p));
}
