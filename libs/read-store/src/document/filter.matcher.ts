import type { Filter } from '../read-store.port';
import { isArrayIndex, isPlainObject, splitPath } from './field-path.accessor';

/**
 * MongoDB filter semantics evaluated in process. The sqlite adapter compiles
 * filters to SQL instead; this matcher serves what SQL cannot reach: `$pull`
 * conditions on array elements. Both follow the same rules, spelled out in
 * sqlite-filter.compiler.ts: equality on an array matches any element, `null`
 * matches missing, comparisons only match values of the same type.
 */
export function matchesFilter(doc: unknown, filter: Filter): boolean {
  for (const key of Object.keys(filter)) {
    const condition = filter[key];
    if (key === '$and') {
      if (!filterList(key, condition).every((f) => matchesFilter(doc, f))) return false;
    } else if (key === '$or') {
      if (!filterList(key, condition).some((f) => matchesFilter(doc, f))) return false;
    } else if (key.startsWith('$')) {
      throw new Error(`unknown top-level operator ${key}`);
    } else if (!matchesField(valuesAt(doc, splitPath(key), 0), condition)) {
      return false;
    }
  }
  return true;
}

/** Whether a single value (an array element for `$pull`) satisfies a field condition. */
export function matchesValue(value: unknown, condition: unknown): boolean {
  return matchesField([value], condition);
}

export function filterList(operator: string, value: unknown): Filter[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject)) {
    throw new Error(`${operator} needs a non-empty array of filters`);
  }
  return value as Filter[];
}

/** `{ $gt: 1 }` is a condition, `{ a: 1 }` a literal document; mixing both is an error, as in MongoDB. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 0) return false;
  const operators = keys.filter((k) => k.startsWith('$')).length;
  if (operators === 0) return false;
  if (operators !== keys.length) throw new Error(`cannot mix operators and fields in ${JSON.stringify(value)}`);
  return true;
}

/**
 * The values a path reaches: through an array, a named field is looked up in
 * every element (MongoDB's implicit traversal), an index picks one element. A
 * missing field yields `undefined`, so `{ field: null }` can match it.
 */
function valuesAt(value: unknown, segments: readonly string[], from: number): unknown[] {
  if (from === segments.length) return [value];
  const segment = segments[from];
  if (Array.isArray(value)) {
    if (isArrayIndex(segment)) return valuesAt(value[Number(segment)], segments, from + 1);
    return value.filter(isPlainObject).flatMap((element) => valuesAt(element, segments, from));
  }
  if (isPlainObject(value)) return valuesAt(value[segment], segments, from + 1);
  return [undefined];
}

function matchesField(candidates: unknown[], condition: unknown): boolean {
  if (!isOperatorObject(condition)) return equalsAny(candidates, condition);
  for (const op of Object.keys(condition)) {
    const operand = condition[op];
    switch (op) {
      case '$eq':
        if (!equalsAny(candidates, operand)) return false;
        break;
      case '$ne':
        if (equalsAny(candidates, operand)) return false;
        break;
      case '$in':
        if (!inList(op, operand).some((v) => equalsAny(candidates, v))) return false;
        break;
      case '$nin':
        if (inList(op, operand).some((v) => equalsAny(candidates, v))) return false;
        break;
      case '$exists':
        if (candidates.some((c) => c !== undefined) !== Boolean(operand)) return false;
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (!comparesAny(candidates, op, operand)) return false;
        break;
      default:
        throw new Error(`unknown operator ${op}`);
    }
  }
  return true;
}

export function inList(op: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new Error(`${op} needs an array`);
  return operand;
}

function equalsAny(candidates: unknown[], target: unknown): boolean {
  const wanted = normalise(target);
  return candidates.some((c) => valueEquals(c, wanted) || (Array.isArray(c) && c.some((element) => valueEquals(element, wanted))));
}

function comparesAny(candidates: unknown[], op: string, target: unknown): boolean {
  const wanted = normalise(target);
  if (wanted === null) return op === '$gte' || op === '$lte' ? equalsAny(candidates, null) : false;
  const test = (v: unknown) => {
    const order = compareSameType(v, wanted);
    if (order === undefined) return false;
    return op === '$gt' ? order > 0 : op === '$gte' ? order >= 0 : op === '$lt' ? order < 0 : order <= 0;
  };
  return candidates.some((c) => test(c) || (Array.isArray(c) && c.some(test)));
}

/** Documents hold JSON, so a Date in a filter means its ISO string. */
export function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Equality of one value, no array traversal; `wanted` already normalised. */
export function valueEquals(value: unknown, wanted: unknown): boolean {
  if (wanted === null) return value === null || value === undefined;
  if (typeof wanted !== 'object') return value === wanted;
  // Key order counts, as it does for BSON documents.
  return value !== null && typeof value === 'object' && JSON.stringify(value) === JSON.stringify(wanted);
}

/** MongoDB compares numbers with numbers, strings with strings, and so on; across types nothing matches. */
function compareSameType(a: unknown, b: unknown): number | undefined {
  if (typeof a !== typeof b || a === null || typeof a === 'object') return undefined;
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string') return compareCodePoints(a, b as string);
  return undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code point order, which is the byte order of UTF-8 that sqlite and MongoDB sort by. */
export function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (ch) => ch.codePointAt(0)!);
  const y = Array.from(b, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
