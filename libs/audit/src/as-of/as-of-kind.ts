import type { RecordedEvent } from '@aftercare/kernel';
import type { ProjectionDefinition } from '@aftercare/projections';
import { SqliteReadStore } from '@aftercare/read-store';
import type { Doc } from '@aftercare/read-store';

/**
 * How the auditor's as-of read rebuilds one kind of record (API.md "Audit and
 * integration"): the events of its stream `<category>-<id>` recorded by the
 * instant, folded from `initialState` with `evolve`, shown by `view` in the shape
 * of the live read. Each context registers its own kinds; the audit context holds
 * no code of any kind.
 */
export interface AsOfKind<S = unknown> {
  /** The path segment: GET /audit/{kind}/{id}/as-of. */
  kind: string;
  /** Stream category of the record: its stream is `<category>-<id>`. */
  category: string;
  /**
   * Records built from more than their own stream (a customer profile gathers its
   * vehicles' and visits' streams) name the event types to fold from the whole log
   * instead; events of other records then pass through `evolve` too, which must
   * ignore them.
   */
  types?: readonly string[];
  initialState(id: string): S;
  evolve(state: S, event: RecordedEvent): S | Promise<S>;
  /** The record in its live read shape, or null when it did not exist yet. `at` is the instant asked. */
  view(state: S, id: string, at: string): unknown | Promise<unknown>;
  /** The owning dealer of a viewed record, for the scope check (null: OEM-wide). */
  dealerIdOf(view: unknown): string | null;
  /** Frees what initialState took (the in-memory store of projection-backed kinds). */
  dispose?(state: S): void | Promise<void>;
}

export function defineAsOfKind<S>(kind: AsOfKind<S>): AsOfKind<unknown> {
  return kind as AsOfKind<unknown>;
}

interface ProjectionState {
  store: SqliteReadStore;
}

/**
 * An as-of kind folded by the context's own projection: its handlers are pure
 * functions of (event, collections), so running them over an in-memory store
 * gives exactly the document the live read model held at that instant, and the
 * context's view function turns it into the live read's shape.
 */
export function projectionAsOf<D extends Doc>(options: {
  kind: string;
  category: string;
  projection: ProjectionDefinition;
  /** The logical collection holding the record (document `_id` = record id). */
  collection: string;
  /** Fold the whole log (by the projection's types) rather than the record's stream alone. */
  acrossStreams?: boolean;
  view(doc: D, at: string): unknown;
  dealerIdOf?(view: unknown): string | null;
}): AsOfKind<unknown> {
  const { projection } = options;
  return defineAsOfKind<ProjectionState>({
    kind: options.kind,
    category: options.category,
    types: options.acrossStreams ? Object.keys(projection.handlers) : undefined,
    initialState: () => ({ store: new SqliteReadStore({ file: ':memory:' }) }),
    evolve: async (state, event) => {
      const handler = projection.handlers[event.type];
      if (handler) await handler(event, { collection: <T extends Doc>(name: string) => state.store.collection<T>(name) });
      return state;
    },
    view: async (state, id, at) => {
      const doc = await state.store.collection<D>(options.collection).findOne({ _id: id });
      return doc ? options.view(doc, at) : null;
    },
    dealerIdOf: options.dealerIdOf ?? ((view) => ((view as { dealerId?: string | null }).dealerId ?? null)),
    dispose: (state) => state.store.close(),
  });
}
