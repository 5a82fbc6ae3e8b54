import type { RecordedEvent } from '@aftercare/kernel';
import { eventHash, sealOf } from '@aftercare/platform';

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

interface Link {
  revision: number;
  hash: string | null;
}

/**
 * Recomputes every hash chain (docs/tamper-evidence.md): each event's hash over
 * its envelope and its prevHash must match what it carries, its prevHash must be
 * the hash of the event before it in its stream, and revisions must follow on.
 * Stops at the first broken link: everything after it in that stream is suspect.
 */
export class HashChainVerifier {
  private readonly tails = new Map<string, Link>();
  private checked = 0;
  private unsealed = 0;
  private lastPosition = 0;
  private broken: BrokenLink | null = null;

  constructor(private readonly streamId: string | null = null) {}

  /** false once a broken link is found. */
  check(event: RecordedEvent): boolean {
    if (this.broken) return false;
    this.checked++;
    this.lastPosition = event.position;
    const tail = this.tails.get(event.streamId);
    const expectedRevision = tail ? tail.revision + 1 : 0;
    const fail = (field: BrokenLink['field'], expected: string | null, actual: string | null, reason: string) => {
      this.broken = { streamId: event.streamId, revision: event.revision, position: event.position, expected, actual, field, reason };
      return false;
    };
    if (event.revision !== expectedRevision) {
      return fail('revision', String(expectedRevision), String(event.revision), 'an event of the stream is missing or out of order');
    }
    const hash = sealOf(event);
    const previous = tail?.hash ?? null;
    if (hash === null) {
      // Events from before sealing may only open a stream: after a sealed one, a missing seal is a removed seal.
      if (previous !== null) return fail('hash', 'a hash', null, 'the event carries no seal though the one before it does');
      this.unsealed++;
      this.tails.set(event.streamId, { revision: event.revision, hash: null });
      return true;
    }
    const prevHash = (event.metadata.prevHash as string | null | undefined) ?? null;
    if (prevHash !== previous) return fail('prevHash', previous, prevHash, 'the event does not follow the one before it in its stream');
    const recomputed = eventHash(event, prevHash);
    if (recomputed !== hash) return fail('hash', recomputed, hash, 'the stored event differs from what was sealed');
    this.tails.set(event.streamId, { revision: event.revision, hash });
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

/** Verifies one stream, or the whole log in position order, reporting progress every `progressEvery` events. */
export async function verifyHistory(
  events: { readStream(stream: string): Promise<RecordedEvent[]>; readAll(): AsyncIterable<RecordedEvent>; headPosition(): Promise<number> },
  options: { streamId?: string; progressEvery?: number; onProgress?: (progress: VerifyProgress) => void | Promise<void>; signal?: { aborted: boolean } } = {},
): Promise<VerifyResult> {
  const verifier = new HashChainVerifier(options.streamId ?? null);
  if (options.streamId) {
    for (const event of await events.readStream(options.streamId)) if (!verifier.check(event)) break;
    return verifier.result();
  }
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
