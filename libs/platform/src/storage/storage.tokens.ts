/**
 * The projector's own read-store connection. On SQLite a transaction holds its
 * connection: projection batches on the query connection would stall every query
 * (and every Idempotency-Key lookup) for the length of a batch.
 */
export const PROJECTOR_READ_STORE = Symbol('ProjectorReadStore');

/**
 * The event log with personal fields left sealed (docs/personal-data.md): for
 * readers that never show them, such as the integrators' public events, whose
 * data is cut to the catalogue's schema. Skips a decryption per event per reader.
 */
export const SEALED_EVENT_STORE = Symbol('SealedEventStore');
