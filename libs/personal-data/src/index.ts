/** Personal data protection: per-subject keys, sealed fields, crypto-shredding, masking (docs/personal-data.md). */
export * from './personal-data.catalogue';
export * from './field-cipher';
export * from './personal-data.event-store';
export * from './personal-data-masking';
export * from './key-store/key-store.port';
export { SqliteKeyStore } from './key-store/sqlite-key-store';
export type { SqliteKeyStoreOptions } from './key-store/sqlite-key-store';
export { MongoKeyStore, KEYS_COLLECTION } from './key-store/mongo-key-store';
export { ScrubAfterErasureWorker } from './scrub-after-erasure.worker';
export type { ScrubAfterErasureOptions } from './scrub-after-erasure.worker';
