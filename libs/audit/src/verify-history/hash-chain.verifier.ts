import { eventHash, sealOf, storedEventHash, type RecordedEvent } from '@aftercare/kernel';
import type { StoredEventRow } from '@aftercare/event-store';
import { verifyStoredLog } from './verify-chunks';

export interface BrokenLink {
  streamId: string;
  revision: number;
  position: number;
  /** What the chain says this event's hash (or its prevHash, see `field`) must be. */
  expected: string | null;
  /** What the stored event carries. */
  actual: string | null;
  field: 'hash' | 'prevHash' | 'revision';
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  streamId: string | null;
  /** Events checked. */
  checked: number;
  /** Events stored before sealing existed: at the start of their stream only (anywhere else they are a broken link). */
  unsealed: number;
  streams: number;
  lastPosition: number;
  firstBroken: BrokenLink | null;
}

export interface VerifyProgress {
  checked: number;
  position: number;
  headPosition: number;
}

export interface Link {
  revision: number;
  hash: string | null;
}

/** What a verifier knows after some prefix of the log: where a parallel verification hands over to a sequential one. */
export interface VerifierState {
  tails: Map<string, Link>;
  checked: number;
  unsealed: number;
  lastPosition: number;
}

/**
 * Recomputes every hash chain (docs/tamper-evidence.md): each event's hash over
 * its envelope and its prevHash must match what it carries, its prevHash must be
 * the hash of the event before it in its stream, and revisions must follow on.
 * Stops at the first broken link: everything after it in that stream is suspect.
 */
export class HashChainVerifier {
  private readonly tails: Map<string, Link>;
  private checked: number;
  private unsealed: number;
  private lastPosition: number;
  private broken: BrokenLink | null = null;

  constructor(
    private readonly streamId: string | null = null,
    state?: VerifierState,
  ) {
    this.tails = state?.tails ?? new Map();
    this.checked = state?.checked ?? 0;
    this.unsealed = state?.unsealed ?? 0;
    this.lastPosition = state?.lastPosition ?? 0;
  }

  /** false once a broken link is found. */
  check(event: RecordedEvent): boolean {
    if (this.broken) return false;
    const hash = sealOf(event);
    const prevHash = (event.metadata.prevHash as string | null | undefined) ?? null;
    return this.follow(event.streamId, event.revision, event.position, hash, prevHash, () => eventHash(event, prevHash));
  }

  /**
   * The same check on an event as stored (SqliteStoredLogReader): its hash is
   * computed on the stored JSON text when the text allows (storedEventHash), the
   * event parsed and re-serialised only when not.
   */
  checkStored(row: StoredEventRow): boolean {
    if (this.broken) return false;
    const [position, streamId, revision, type, data, metadata] = row;
    const stored = storedEventHash(streamId, revision, type, data, metadata);
    if (stored !== undefined && stored.recomputed === stored.hash) {
      return this.follow(streamId, revision, position, stored.hash, stored.prevHash, () => stored.hash);
    }
    return this.check(parseRow(row));
  }

  private follow(streamId: string, revision: number, position: number, hash: string | null, prevHash: string | null, recompute: () => string): boolean {
    this.checked++;
    this.lastPosition = position;
    const tail = this.tails.get(streamId);
    const expectedRevision = tail ? tail.revision + 1 : 0;
    const fail = (field: BrokenLink['field'], expected: string | null, actual: string | null, reason: string) => {
      this.broken = { streamId, revision, position, expected, actual, field, reason };
      return false;
    };
    if (revision !== expectedRevision) {
      return fail('revision', String(expectedRevision), String(revision), 'an event of the stream is missing or out of order');
    }
    const previous = tail?.hash ?? null;
    if (hash === null) {
      // Events from before sealing may only open a stream: after a sealed one, a missing seal is a removed seal.
      if (previous !== null) return fail('hash', 'a hash', null, 'the event carries no seal though the one before it does');
      this.unsealed++;
      this.tails.set(streamId, { revision, hash: null });
      return true;
    }
    if (prevHash !== previous) return fail('prevHash', previous, prevHash, 'the event does not follow the one before it in its stream');
    const recomputed = recompute();
    if (recomputed !== hash) return fail('hash', recomputed, hash, 'the stored event differs from what was sealed');
    this.tails.set(streamId, { revision, hash });
    return true;
  }

  result(): VerifyResult {
    return {
      ok: this.broken === null,
      streamId: this.streamId,
      checked: this.checked,
      unsealed: this.unsealed,
      streams: this.tails.size + (this.broken && !this.tails.has(this.broken.streamId) ? 1 : 0),
      lastPosition: this.lastPosition,
      firstBroken: this.broken,
    };
  }
}

export function parseRow(row: StoredEventRow): RecordedEvent {
  const [position, streamId, revision, type, data, metadata] = row;
  return { position, streamId, revision, type, data: JSON.parse(data), metadata: JSON.parse(metadata) };
}

export interface VerifyOptions {
  streamId?: string;
  /** Progress is reported about every this many events (whole log only). Default 10 000. */
  progressEvery?: number;
  onProgress?: (progress: VerifyProgress) => void | Promise<void>;
  signal?: { aborted: boolean };
  /**
   * The SQLite events file behind `events`: the whole log is then verified on
   * its stored bytes (no re-serialising), in chunks spread over worker threads
   * (verify-chunks.ts). Without it, events are read through `events.readAll()`.
   */
  sqliteFile?: string;
  /** Worker threads for a `sqliteFile` verification; 0 verifies in this thread. Default: one per CPU, at most 4. */
  workers?: number;
  /** Positions per chunk of a `sqliteFile` verification. Default: progressEvery, within 5 000…50 000. */
  chunkSize?: number;
}

/** Verifies one stream, or the whole log in position order, reporting progress every `progressEvery` events. */
export async function verifyHistory(
  events: { readStream(stream: string): Promise<RecordedEvent[]>; readAll(): AsyncIterable<RecordedEvent>; headPosition(): Promise<number> },
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const verifier = new HashChainVerifier(options.streamId ?? null);
  if (options.streamId) {
    for (const event of await events.readStream(options.streamId)) if (!verifier.check(event)) break;
    return verifier.result();
  }
  if (options.sqliteFile) return verifyStoredLog(options.sqliteFile, options);
  const head = await events.headPosition();
  const every = options.progressEvery ?? 10_000;
  let sinceReport = 0;
  for await (const event of events.readAll()) {
    if (!verifier.check(event)) break;
    if (++sinceReport >= every) {
      sinceReport = 0;
      const r = verifier.result();
      await options.onProgress?.({ checked: r.checked, position: event.position, headPosition: head });
      if (options.signal?.aborted) break;
    }
  }
  return verifier.result();
}
