import { randomUUID } from 'crypto';
import { RequestValidationError } from './problem-details';

/**
 * `If-Match: "<n>"` (API.md: the ETag is the revision) → the revision the client
 * last saw. `*` asks only that the resource exist, which every command on an
 * existing resource checks anyway, so it carries no revision. Malformed → 400.
 */
export function parseIfMatch(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header;
  const trimmed = value.trim();
  if (trimmed === '*') return null;
  // Lenient in what it accepts (RFC 9110's weak W/ prefix, or a bare number from a
  // client that dropped the quotes): the revision is what matters.
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(trimmed) ?? /^(\d{1,15})$/.exec(trimmed);
  if (!match) throw new RequestValidationError([{ field: 'If-Match', message: 'must be a quoted revision, e.g. "3"' }], `If-Match ${JSON.stringify(value)} is not a quoted revision`);
  return Number(match[1]);
}

/** `Idempotency-Key`: any printable ASCII up to 255 characters. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : header;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new RequestValidationError([{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }]);
  }
  return value;
}

/**
 * A caller's X-Correlation-Id is kept when sane (it ends up in logs and event
 * metadata); else a new random UUID (randomUUID draws from a cached entropy pool:
 * cheaper per request than an ordered id, which a correlation id does not need).
 */
export function correlationIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[\w.:@/+=-]{1,128}$/.test(value) ? value : randomUUID();
}
