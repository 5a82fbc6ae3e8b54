import { canonicalCopy, eventHash, sealOf, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from '@aftercare/event-store';

// The seal itself is in the kernel, so the verifier's worker threads compute it without this library.
export { canonicalJson, eventHash, HASH_FIELDS, sealOf } from '@aftercare/kernel';
export type { SealInput } from '@aftercare/kernel';

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
        const { hash: _h, prevHash: _p, ...fields } = event.metadata;
        // Stored in canonical key order, seal fields last: the verifier can then
        // hash the stored text as it is (storedEventHash) instead of re-serialising.
        const data = canonicalCopy(event.data ?? {});
        const metadata = canonicalCopy(fields) as Record<string, unknown>;
        const hash = eventHash({ streamId: stream, revision: current + 1 + i, type: event.type, data, metadata }, prevHash);
        metadata.prevHash = prevHash;
        metadata.hash = hash;
        prevHash = hash;
        return { ...event, data, metadata: metadata as NewEvent['metadata'] };
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
