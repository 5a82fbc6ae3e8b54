export * from './event-store.port';
export * from './event-store.errors';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-stored-log.reader';
export * from './testing/event-store.conformance';
export type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { openEventStoreDb } from './eventstoredb/open-eventstoredb';
