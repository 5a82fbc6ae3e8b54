import {
  DomainEvent,
  EventMetadata,
  NewEvent,
  RecordedEvent,
  Clock,
  deterministicUuid,
  uuidv7,
  DomainError,
} from '@aftercare/kernel';
import { EventStore, WrongExpectedRevisionError } from '@aftercare/event-store';
import type { CommandContext } from './command-context';

/** `If-Match` named a revision that is no longer current: HTTP 412. */
export class PreconditionFailedError extends Error {
  readonly code = 'PRECONDITION_FAILED';
  constructor(readonly stream: string, readonly expected: number, readonly actual: number) {
    super(`the resource is at revision ${actual}, not ${expected}`);
    this.name = 'PreconditionFailedError';
  }
}

export interface StreamDecision<S, E extends DomainEvent> {
  stream: string;
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  /**
   * Pure: the rules decide from the folded state. `revision` is -1 for a new stream.
   * Throwing a DomainError aborts with nothing written.
   */
  decide: (state: S, revision: number) => E[];
  /** Owning dealer, copied to every event's metadata; for an existing stream, read it from the state. */
  dealerId: string | null | ((state: S) => string | null);
  /** Business time of the fact (ISO); defaults to now. Never later than now. */
  occurredAt?: string;
  /** For a create: the stream must not exist yet. */
  mustBeNew?: boolean;
  /** For a change: the stream must exist (else notFound is thrown). */
  notFound?: () => DomainError;
  schemaVersions?: Record<string, number>;
}

export interface CommandResult<S, E extends DomainEvent> {
  stream: string;
  /** Revision of the stream after the command (the ETag). */
  revision: number;
  position: number;
  events: E[];
  state: S;
  /** True when an Idempotency-Key retry found its events already stored. */
  replayed: boolean;
}

/**
 * The write path of ARCHITECTURE.md: load the stream, fold it, decide, append
 * with the revision read. A concurrent writer makes the append fail; without
 * If-Match the command is re-read and re-decided (bounded), with If-Match it is
 * a 412. With an Idempotency-Key the event ids are derived from the key, so a
 * retry that finds them stored answers from the store and appends nothing.
 */
export class CommandRunner {
  /** The last command queued on each busy stream (see run()). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly maxAttempts = 5,
  ) {}

  /** A resource id for a create: derived from the Idempotency-Key when there is one. */
  newId(ctx: CommandContext, kind: string): string {
    return ctx.idempotencyKey ? deterministicUuid('resource', kind, ctx.actor.id, ctx.idempotencyKey) : uuidv7(this.clock.now().getTime());
  }

  /**
   * One command at a time per stream in this process, in arrival order. Without it,
   * N requests on one stream arriving together all read the same revision, one
   * append wins, the others read again and race again, and under a burst most run
   * out of attempts (409 CONCURRENCY.TOO_MANY_CONFLICTS) with nothing wrong with
   * them. Queued, each decides on the state the one before left; the revision check
   * and the bounded retry remain for writers in other processes (API replicas).
   * Commands on different streams do not wait for each other.
   */
  run<S, E extends DomainEvent>(ctx: CommandContext, decision: StreamDecision<S, E>): Promise<CommandResult<S, E>> {
    const stream = decision.stream;
    const previous = this.queues.get(stream);
    const turn = previous
      ? previous.then(
          () => this.decideAndAppend(ctx, decision),
          () => this.decideAndAppend(ctx, decision),
        )
      : this.decideAndAppend(ctx, decision);
    this.queues.set(stream, turn);
    const release = () => {
      if (this.queues.get(stream) === turn) this.queues.delete(stream);
    };
    turn.then(release, release);
    return turn;
  }

  private async decideAndAppend<S, E extends DomainEvent>(ctx: CommandContext, decision: StreamDecision<S, E>): Promise<CommandResult<S, E>> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(decision.stream);
      const revision = recorded.length ? recorded[recorded.length - 1].revision : -1;
      const state = recorded.reduce((s, e) => decision.evolve(s, e as unknown as E), decision.initialState());

      if (ctx.idempotencyKey) {
        const firstId = this.eventId(ctx, decision.stream, 0);
        const stored = recorded.filter((e) => idempotencyGroup(e) === firstId);
        if (stored.length) {
          const last = stored[stored.length - 1];
          return { stream: decision.stream, revision: last.revision, position: last.position, events: stored as unknown as E[], state, replayed: true };
        }
      }
      if (decision.mustBeNew && revision >= 0) {
        throw DomainError.conflict('RESOURCE.ALREADY_EXISTS', `${decision.stream} already exists`);
      }
      if (decision.notFound && revision < 0) throw decision.notFound();
      if (ctx.expectedRevision !== null && ctx.expectedRevision !== revision) {
        throw new PreconditionFailedError(decision.stream, ctx.expectedRevision, revision);
      }

      const events = decision.decide(state, revision);
      if (events.length === 0) {
        return { stream: decision.stream, revision, position: recorded.at(-1)?.position ?? 0, events, state, replayed: false };
      }
      const now = this.clock.now().toISOString();
      const occurredAt = decision.occurredAt ?? now;
      const group = ctx.idempotencyKey ? this.eventId(ctx, decision.stream, 0) : null;
      const envelopes: NewEvent[] = events.map((event, i) => ({
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: {
          eventId: ctx.idempotencyKey ? this.eventId(ctx, decision.stream, i) : uuidv7(),
          schemaVersion: decision.schemaVersions?.[event.type] ?? 1,
          occurredAt,
          recordedAt: now,
          actor: ctx.actor,
          dealerId: typeof decision.dealerId === 'function' ? decision.dealerId(state) : decision.dealerId,
          correlationId: ctx.correlationId,
          causationId: ctx.causationId,
          ...(group ? { idempotencyGroup: group } : {}),
        } satisfies EventMetadata,
      }));
      try {
        const result = await this.store.append(decision.stream, envelopes, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        });
        const newState = events.reduce(decision.evolve, state);
        return { stream: decision.stream, revision: result.nextRevision, position: result.position, events, state: newState, replayed: false };
      } catch (err) {
        if (!(err instanceof WrongExpectedRevisionError)) throw err;
        if (ctx.expectedRevision !== null) throw new PreconditionFailedError(decision.stream, ctx.expectedRevision, err.actual);
        if (attempt >= this.maxAttempts) throw DomainError.conflict('CONCURRENCY.TOO_MANY_CONFLICTS', `${decision.stream} changed concurrently ${attempt} times; retry`);
        // The winner is a writer in another process, likely with more commands queued on
        // this stream: a short random pause keeps this one from losing every round to them.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  private eventId(ctx: CommandContext, stream: string, index: number): string {
    return deterministicUuid('event', ctx.actor.id, ctx.idempotencyKey ?? '', stream, String(index));
  }
}

function idempotencyGroup(e: RecordedEvent): unknown {
  return e.metadata.idempotencyGroup;
}
