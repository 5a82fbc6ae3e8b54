/**
 * "A rejected request writes nothing", checked precisely: every event records the
 * correlation id of the request that caused it (X-Correlation-Id), so a request
 * sent with a fresh id must leave no event carrying it. Comparing the global head
 * would be flaky, as reactions and deadline workers append on their own.
 */
import { randomUUID } from 'crypto';
import type { EventStore } from '@aftercare/event-store';

export function newCorrelationId(): string {
  return `test-${randomUUID()}`;
}

export async function eventsWithCorrelation(store: EventStore, correlationId: string): Promise<number> {
  let count = 0;
  for await (const event of store.readAll()) if (event.metadata.correlationId === correlationId) count++;
  return count;
}
