import { createHash } from 'crypto';
import type { NewEvent, RecordedEvent } from '@aftercare/kernel';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from '@aftercare/event-store';

/** Metadata fields the seal adds; left out of what the seal covers. */
export const HASH_FIELDS = ['hash', 'prevHash'] as const;

/**
 * JSON with object keys sorted at every depth, so the same envelope always hashes
 * the same, whichever order an adapter or a JSON round trip gives its keys. Keeps
 * JSON.stringify's rules for the rest (undefined fields dropped, toJSON used), so
 * an event hashes the same before it is stored and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canonicalJson(json.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out += (i ? ',' : '') + (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item));
    }
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

export interface SealInput {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * SHA-256 over the envelope (stream, revision, type, data, metadata without the
 * seal fields) and the previous event's hash, hex: changing any stored byte of an
 * event, or dropping or reordering events, breaks the chain from there on.
 */
export function eventHash(event: SealInput, prevHash: string | null): string {
  const { hash: _hash, prevHash: _prev, ...metadata } = event.metadata;
  const body = canonicalJson({ streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata });
  return createHash('sha256').update(prevHash ?? '').update('\n').update(body).digest('hex');
}

/** The hash an event's successor in its stream must carry as prevHash (null before the first sealed event). */
export function sealOf(event: { metadata: Record<string, unknown> } | undefined): string | null {
  const hash = event?.metadata.hash;
  return typeof hash === 'string' ? hash : null;
}

const ANY_RETRIES = 10;

/**
 * Tamper evidence for every adapter (docs/tamper-evidence.md): seals each appended
 * event with `metadata.prevHash` (the hash of the previous event of its stream)
 * and `metadata.hash`. Stored by the adapter like any metadata, so SQLite and
 * EventStoreDB keep them alike, and readers see them.
 *
 * The revision an event will get is part of its hash, so an append must know it:
 * an `any` append is turned into an append expecting the revision just read, and
 * retried if another writer got in between. Appends to one stream are queued in
 * this process so they do not race each other into those retries.
 */
export class HashChainedEventStore implements EventStore {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly inner: EventStore) {}

  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (!Array.isArray(events) || events.length === 0) return this.inner.append(stream, events, options);
    const previous = this.tails.get(stream) ?? Promise.resolve();
    const run = previous.then(
      () => this.sealAndAppend(stream, events, options),
      () => this.sealAndAppend(stream, events, options),
    );
    this.tails.set(stream, run);
    const forget = () => {
      if (this.tails.get(stream) === run) this.tails.delete(stream);
    };
    run.then(forget, forget);
    return run;
  }

  private async sealAndAppend(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      const [last] = await this.inner.readStream(stream, { direction: 'backwards', limit: 1 });
      const current = last ? last.revision : -1;
      const expected = options.expectedRevision;
      const matches = expected === 'any' || (expected === 'no_stream' ? current === -1 : expected === current);
      // A stale expectation is refused by the adapter as before (or answered as an
      // idempotent retry of events already stored): nothing of ours is stored then.
      if (!matches) return this.inner.append(stream, events, options);
      let prevHash = sealOf(last);
      const sealed = events.map((event, i) => {
        const { hash: _h, prevHash: _p, ...metadata } = event.metadata;
        const withPrev = { ...metadata, prevHash } as NewEvent['metadata'];
        const hash = eventHash({ streamId: stream, revision: current + 1 + i, type: event.type, data: event.data ?? {}, metadata: withPrev }, prevHash);
        prevHash = hash;
        return { ...event, metadata: { ...withPrev, hash } };
      });
      try {
        return await this.inner.append(stream, sealed, { expectedRevision: current === -1 ? 'no_stream' : current });
      } catch (error) {
        // Only an `any` append may go round again: another process appended between our read and write.
        if (expected !== 'any' || !(error instanceof WrongExpectedRevisionError) || attempt >= ANY_RETRIES) throw error;
      }
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.inner.readAll(options);
  }
  subscribe(options?: SubscribeOptions) {
    return this.inner.subscribe(options);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  close() {
    return this.inner.close();
  }
}
