import type { SortSpec } from '../read-store.port';
import { splitPath } from '../document/field-path.accessor';

/**
 * Keyset (cursor) paging shared by the adapters. A page continues strictly after
 * the last item's sort values, so inserts between pages neither repeat nor skip
 * items, and a deep page costs what the first one does (no OFFSET).
 */

export interface SortKey {
  path: string;
  dir: 1 | -1;
}

/** Strictly after the cursor on one key, in that key's direction; null sorts lowest, as in MongoDB and sqlite. */
export type Bound = { kind: 'gt' | 'lt'; value: unknown } | { kind: 'notNull' } | { kind: 'isNull' };

/** Items equal to the cursor on the leading keys and after it on the next one. */
export interface Segment {
  equal: Array<{ path: string; value: unknown }>;
  path: string;
  bound: Bound;
}

export class InvalidCursorError extends Error {
  readonly code = 'READ_STORE.INVALID_CURSOR';
  constructor(reason: string) {
    super(`invalid page cursor: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

/**
 * The sort keys with `_id` as the tie-breaker, so the order is total. The
 * tie-breaker takes the direction of the last key: an index built for the sort
 * (`createIndex` appends `_id` the same way) then yields the whole order.
 */
export function totalOrder(sort: SortSpec | undefined): SortKey[] {
  const keys: SortKey[] = [];
  for (const path of Object.keys(sort ?? {})) {
    const dir = sort![path];
    if (dir !== 1 && dir !== -1) throw new Error(`sort direction of "${path}" must be 1 or -1`);
    splitPath(path);
    keys.push({ path, dir });
    // `_id` is unique: keys after it can never break a tie.
    if (path === '_id') return keys;
  }
  keys.push({ path: '_id', dir: keys.length > 0 ? keys[keys.length - 1].dir : 1 });
  return keys;
}

function signature(keys: SortKey[]): string {
  return keys.map((k) => `${k.path}:${k.dir}`).join(',');
}

export function encodeCursor(keys: SortKey[], values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature(keys), values]), 'utf8').toString('base64url');
}

/** The last item's sort values; refuses a cursor made for another sort. */
export function decodeCursor(keys: SortKey[], cursor: string): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor of this store');
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || !Array.isArray(decoded[1])) throw new InvalidCursorError('not a cursor of this store');
  if (decoded[0] !== signature(keys)) throw new InvalidCursorError('it was made for another sort order');
  const values = decoded[1] as unknown[];
  if (values.length !== keys.length || typeof values[values.length - 1] !== 'string') throw new InvalidCursorError('malformed');
  return values;
}

/**
 * What follows the cursor, as an ordered list of segments: first the items that
 * tie on every key but the last (`_id`), then those tying on one key fewer, and
 * so on. Each segment is one index range, which is what lets sqlite answer every
 * segment from an index; a single OR of them is left to MongoDB's planner.
 */
export function segmentsAfter(keys: SortKey[], values: unknown[]): Segment[] {
  const segments: Segment[] = [];
  for (let i = keys.length - 1; i >= 0; i--) {
    const equal = keys.slice(0, i).map((k, j) => ({ path: k.path, value: values[j] }));
    const { path, dir } = keys[i];
    const value = values[i];
    if (dir === 1) {
      segments.push({ equal, path, bound: value === null ? { kind: 'notNull' } : { kind: 'gt', value } });
    } else if (value !== null) {
      // Descending, nulls come last: first the smaller values, then the nulls.
      segments.push({ equal, path, bound: { kind: 'lt', value } });
      segments.push({ equal, path, bound: { kind: 'isNull' } });
    }
  }
  return segments;
}
