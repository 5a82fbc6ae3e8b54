/**
 * The projector's own read-store connection. On SQLite a transaction holds its
 * connection: projection batches on the query connection would stall every query
 * (and every Idempotency-Key lookup) for the length of a batch.
 */
export const PROJECTOR_READ_STORE = Symbol('ProjectorReadStore');
