import { deterministicUuid, type DomainEvent, type EventMetadata, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext } from '@aftercare/platform';
import { orderedUuid } from '../domain/callback.streams';

/**
 * The scheduler's write path without a read: the streams it wrote itself are
 * remembered with the revision it left them at, so the next decision on them
 * appends with that revision as expected; a stream someone else wrote to since
 * (an agent's claim, a manual call adopted into the plan) fails that check and
 * is read and decided again through the CommandRunner.
 */
export interface KnownStream<S> {
  state: S;
  /** Revision of the stream's last event (-1: the stream does not exist). */
  revision: number;
}

/** A map that forgets its least recently used entries beyond `limit`, so a long-running host stays bounded. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * The envelopes for `events` decided under `ctx` on `stream`, as the
 * CommandRunner builds them (metadata, `idempotencyGroup`), with event ids
 * derived from the idempotency key: the same decision appended again is the
 * same events, which the store keeps once. Given `order` (the cause's
 * position), the ids sort by it (orderedUuid) instead of the CommandRunner's
 * hash; a CommandRunner run with the same key afterwards then appends nothing
 * because the scheduler's deciders see the change already in the stream
 * (known-streams.int-spec.ts).
 */
export function commandEnvelopes(
  ctx: CommandContext,
  stream: string,
  events: DomainEvent[],
  meta: { occurredAt: string; recordedAt: string; dealerId: string | null; order?: number },
): NewEvent[] {
  const key = ctx.idempotencyKey ?? '';
  const eventId = (i: number) =>
    meta.order === undefined ? deterministicUuid('event', ctx.actor.id, key, stream, String(i)) : orderedUuid(meta.order, 'event', ctx.actor.id, key, stream, String(i));
  const group = eventId(0);
  return events.map((event, i) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      eventId: i === 0 ? group : eventId(i),
      schemaVersion: 1,
      occurredAt: meta.occurredAt,
      recordedAt: meta.recordedAt,
      actor: ctx.actor,
      dealerId: meta.dealerId,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      idempotencyGroup: group,
    } satisfies EventMetadata,
  }));
}

/**
 * A stream folded "as it was at a cause's position" (the customer file for the
 * care planner), without reading it for every cause: every event the fold looks
 * at is itself a cause the scheduler handles in log order, so the state is
 * advanced by the cause when it is the stream's next event; a gap (events of
 * other types) reads just the tail; a cause older than the state (a re-delivery)
 * reads the stream and folds it up to the cause's position.
 */
export class FactsAtCause<S> {
  private readonly known: BoundedCache<string, KnownStream<S> & { position: number }>;

  constructor(
    private readonly store: EventStore,
    private readonly evolve: (state: S, event: RecordedEvent) => S,
    private readonly initial: () => S,
    limit: number,
  ) {
    this.known = new BoundedCache(limit);
  }

  async at(stream: string, cause: RecordedEvent): Promise<S> {
    const known = this.known.get(stream);
    if (known && known.position <= cause.position) {
      if (cause.streamId !== stream) return known.state;
      if (cause.revision === known.revision + 1) return this.remember(stream, this.evolve(known.state, cause), cause);
      if (cause.revision > known.revision) return this.fold(stream, known, await this.store.readStream(stream, { from: known.revision + 1 }), cause.position);
    }
    return this.fold(stream, { state: this.initial(), revision: -1, position: 0 }, await this.store.readStream(stream), cause.position);
  }

  clear(): void {
    this.known.clear();
  }

  private fold(stream: string, from: KnownStream<S> & { position: number }, events: RecordedEvent[], upTo: number): S {
    let { state, revision, position } = from;
    for (const e of events) {
      if (e.position > upTo) break;
      state = this.evolve(state, e);
      revision = e.revision;
      position = e.position;
    }
    this.known.set(stream, { state, revision, position });
    return state;
  }

  private remember(stream: string, state: S, event: RecordedEvent): S {
    this.known.set(stream, { state, revision: event.revision, position: event.position });
    return state;
  }
}
