import type { Position, RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';

/** The first event of `types` after `after`, up to `upTo` (inclusive) when given. */
export async function firstMatchingAfter(
  eventStore: EventStore,
  types: string[],
  after: Position,
  upTo?: Position,
): Promise<RecordedEvent | null> {
  if (upTo !== undefined && upTo <= after) return null;
  for await (const event of eventStore.readAll({ from: after + 1, to: upTo, filter: { types }, limit: 1 })) {
    if (event.position > after) return event;
  }
  return null;
}

export interface MatchingLag {
  /** Events of the projection's types after its checkpoint, up to the head. */
  count: number;
  /** False when counting stopped at the limit: the lag is at least `count`. */
  exact: boolean;
  /** The oldest event not yet applied, whose age is the lag in time. */
  oldest: RecordedEvent | null;
}

/**
 * Counts the unapplied events a projection will read, stopping at `limit`: an
 * exact count of a large backlog would read the whole backlog on every status
 * request, and beyond a few thousand events the position and head tell progress.
 */
export async function matchingLag(
  eventStore: EventStore,
  types: string[],
  after: Position,
  head: Position,
  limit: number,
): Promise<MatchingLag> {
  if (head <= after || types.length === 0) return { count: 0, exact: true, oldest: null };
  let count = 0;
  let oldest: RecordedEvent | null = null;
  for await (const event of eventStore.readAll({ from: after + 1, to: head, filter: { types }, limit: limit + 1 })) {
    if (event.position <= after) continue;
    if (count === limit) return { count, exact: false, oldest };
    if (!oldest) oldest = event;
    count++;
  }
  return { count, exact: true, oldest };
}

export function lagMs(oldest: RecordedEvent | null, now: number): number {
  if (!oldest) return 0;
  const recorded = Date.parse(oldest.metadata.recordedAt);
  return Number.isNaN(recorded) ? 0 : Math.max(0, now - recorded);
}
