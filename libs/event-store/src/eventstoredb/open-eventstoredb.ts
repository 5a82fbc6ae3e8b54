import type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb-event-store';

/**
 * Loads the EventStoreDB adapter (and with it the gRPC client, a few hundred ms
 * of start-up) only when a deployment chooses it: the embedded default never pays.
 */
export function openEventStoreDb(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventStoreDbEventStore: Adapter } = require('./eventstoredb-event-store') as typeof import('./eventstoredb-event-store');
  return new Adapter(options);
}
