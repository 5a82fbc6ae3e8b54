import type { RecordedEvent } from '@aftercare/kernel';
import type { Collection, Doc, IndexSpec } from '@aftercare/read-store';

/** What a projection handler may touch: its own read-model collections, nothing else. */
export interface ProjectionContext {
  /** A logical collection of this projection, mapped to the version being built. */
  collection<T extends Doc = Doc>(name: string): Collection<T>;
}

export type ProjectionHandler = (event: RecordedEvent, ctx: ProjectionContext) => Promise<void> | void;

/**
 * A read model built from the global log (ARCHITECTURE.md "Read side"). Bump
 * `version` when handlers change meaning: the runner builds the new version from
 * position 0 beside the old one and switches when it has caught up.
 *
 * Handlers must be deterministic functions of the event and of the documents
 * they write: a batch may be re-run (sqlite: after a rollback; MongoDB: after a
 * crash between the writes and the checkpoint), and the position guards of
 * MongoDB number each write by its order within the event. Upserts must filter on
 * `_id` (see docs/adr/0002-projection-exactly-once.md).
 */
export interface ProjectionDefinition {
  /** Stable name, `[a-z][a-z0-9_-]*`; the key of its checkpoint. */
  name: string;
  version: number;
  /**
   * Logical collection names this projection owns, with their indexes. Logical
   * names are unique across all projections: queries resolve them by name alone.
   */
  collections: Record<string, IndexSpec[]>;
  /** Handlers per event type; events of other types are not read at all. */
  handlers: Record<string, ProjectionHandler>;
}

/**
 * A process manager (reaction): reacts to events by issuing commands/appending
 * events. Delivery is at-least-once from its checkpoint, so handlers must be
 * idempotent (derive event ids from the causing event: deterministicUuid).
 */
export interface ReactionDefinition {
  name: string;
  handlers: Record<string, (event: RecordedEvent) => Promise<void>>;
  /**
   * Where a reaction without a checkpoint starts: 'beginning' (default) reacts to
   * the whole history, 'end' only to events appended after its first start, for
   * reactions whose effects must not be replayed onto the past (notifications).
   */
  startFrom?: 'beginning' | 'end';
}

export function defineProjection(definition: ProjectionDefinition): ProjectionDefinition {
  return definition;
}

export function defineReaction(definition: ReactionDefinition): ReactionDefinition {
  return definition;
}
