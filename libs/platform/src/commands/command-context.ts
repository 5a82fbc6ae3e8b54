import type { Actor } from '@aftercare/kernel';

/**
 * Everything about a command that is not its business data: who sent it, which
 * request it belongs to, and the client's concurrency and idempotency wishes.
 * Built once per request (HTTP, GraphQL) or per reaction, and passed explicitly.
 */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The event that caused this command (reactions), else null. */
  causationId: string | null;
  /** Client's Idempotency-Key: event and resource ids are derived from it. */
  idempotencyKey: string | null;
  /** From `If-Match`: the revision the client last saw. A stale one is a 412. */
  expectedRevision: number | null;
}
