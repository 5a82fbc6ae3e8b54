export * from './event-store.port';
export * from './event-store.errors';
export * from './sqlite/sqlite-event-store';
export * from './testing/event-store.conformance';
export * from './eventstoredb/eventstoredb-event-store';
