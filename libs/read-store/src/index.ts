export * from './read-store.port';
export { InvalidCursorError } from './paging/keyset-paging.planner';
export { SqliteReadStore, type SqliteReadStoreOptions } from './sqlite/sqlite-read-store';
export { MongoReadStore, type MongoReadStoreOptions } from './mongodb/mongo-read-store';
