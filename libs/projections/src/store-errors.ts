import { DuplicateKeyError } from '@aftercare/read-store';

/**
 * A duplicate key from any adapter: the port's error, or the driver's own should
 * an adapter let it through (MongoDB's E11000, sqlite's constraint codes). Told
 * by code rather than class alone: under jest's per-file module registry a
 * native driver keeps the error class of the first file that loaded it.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (err instanceof DuplicateKeyError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'READ_STORE.DUPLICATE_KEY' ||
    code === 11000 ||
    code === 11001 ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

const TRANSIENT_NAMES = /Network|Timeout|ServerSelection|NotWritablePrimary|NotPrimary|Interrupted|PoolClosed|TopologyClosed/;
const TRANSIENT_SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

/**
 * An outage of a store rather than a fault of the handler: the batch is retried
 * after a pause instead of parking its event, since parking every event while a
 * database is down would empty the read model of everything that happened.
 */
export function isTransientStoreError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (typeof e.name === 'string' && TRANSIENT_NAMES.test(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_SQLITE_CODES.test(e.code)) return true;
  try {
    if (typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('TransientTransactionError'))) {
      return true;
    }
  } catch {
    return false;
  }
  return false;
}
