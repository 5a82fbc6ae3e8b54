import type { Actor } from './roles';

/** A domain event as a decider emits it: a stable type string and its data. */
export interface DomainEvent<TType extends string = string, TData extends object = object> {
  type: TType;
  data: TData;
}

/** ARCHITECTURE.md "Write side": the envelope every stored event carries. */
export interface EventMetadata {
  /** UUID; appending an id already in the stream is an idempotent no-op. */
  eventId: string;
  schemaVersion: number;
  /** Business time (ISO 8601): when it happened. Never later than recordedAt. */
  occurredAt: string;
  /** System time (ISO 8601): when it was recorded. */
  recordedAt: string;
  actor: Actor;
  /** Owning tenant; null for OEM- or system-wide facts. */
  dealerId: string | null;
  correlationId: string;
  causationId: string | null;
  /** Extra envelope fields (e.g. tamper-evidence hashes) are allowed and kept. */
  [extra: string]: unknown;
}

/** An event ready to append. */
export interface NewEvent<TType extends string = string, TData extends object = Record<string, unknown>>
  extends DomainEvent<TType, TData> {
  metadata: EventMetadata;
}

/**
 * Global, strictly increasing position in the log ($all). Positions are not
 * necessarily contiguous (EventStoreDB commit positions are byte offsets), so
 * consumers resume "from checkpoint + 1".
 */
export type Position = number;

/** An event as read back from the store. */
export interface RecordedEvent<TType extends string = string, TData extends object = Record<string, unknown>>
  extends NewEvent<TType, TData> {
  streamId: string;
  /** 0-based revision within its stream. */
  revision: number;
  position: Position;
}

/** `<category>-<id>` (ARCHITECTURE.md): the category is everything before the first '-'. */
export function streamName(category: string, id: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(category)) throw new Error(`invalid stream category "${category}"`);
  return `${category}-${id}`;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

export function idOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? '' : streamId.slice(dash + 1);
}
