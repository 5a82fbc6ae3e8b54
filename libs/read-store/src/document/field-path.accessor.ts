/**
 * Dotted field paths (`vehicle.vin`, `items.0.status`) over plain JSON documents,
 * shared by the in-process update applier, the filter matcher and the adapters.
 */

const splitCache = new Map<string, readonly string[]>();
const SPLIT_CACHE_LIMIT = 2000;

/** Splits and validates a dotted path; cached because projections reuse a few paths per event. */
export function splitPath(path: string): readonly string[] {
  const cached = splitCache.get(path);
  if (cached) return cached;
  const segments = path.split('.');
  for (const segment of segments) {
    // MongoDB rejects these too; refusing them here keeps both adapters alike and
    // keeps a path from breaking out of the quoted JSON path the sqlite adapter builds.
    if (segment === '' || segment.startsWith('$') || segment.includes('"') || segment.includes('\u0000')) {
      throw new Error(`invalid field path "${path}"`);
    }
  }
  if (splitCache.size >= SPLIT_CACHE_LIMIT) splitCache.clear();
  splitCache.set(path, segments);
  return segments;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Object.prototype of any realm (jest runs tests in a vm context): its own prototype is null.
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function isArrayIndex(segment: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(segment);
}

/** The value at a path, following array indexes; undefined when any step is missing. */
export function getAt(doc: unknown, segments: readonly string[]): unknown {
  let current: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!isArrayIndex(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isPlainObject(current)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * The container that holds the last segment, creating missing objects on the way
 * like MongoDB's `$set` does. Throws where MongoDB throws ("Cannot create field").
 */
export function parentFor(doc: Record<string, unknown>, segments: readonly string[], path: string, create: boolean): Record<string, unknown> | unknown[] | undefined {
  let current: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    let next: unknown;
    if (Array.isArray(current)) {
      if (!isArrayIndex(segment)) throw new Error(`cannot use the part "${segment}" of "${path}" to traverse an array`);
      next = current[Number(segment)];
    } else {
      next = current[segment];
    }
    if (next === undefined || next === null) {
      if (!create) return undefined;
      next = {};
      if (Array.isArray(current)) padAndSet(current, Number(segment), next);
      else current[segment] = next;
    } else if (!isPlainObject(next) && !Array.isArray(next)) {
      if (!create) return undefined;
      throw new Error(`cannot create field "${segments[i + 1]}" of "${path}": "${segments.slice(0, i + 1).join('.')}" is not an object`);
    }
    current = next as Record<string, unknown> | unknown[];
  }
  return current;
}

export function setAt(doc: Record<string, unknown>, segments: readonly string[], path: string, value: unknown): void {
  const parent = parentFor(doc, segments, path, true)!;
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    if (!isArrayIndex(last)) throw new Error(`cannot use the part "${last}" of "${path}" to traverse an array`);
    padAndSet(parent, Number(last), value);
  } else {
    parent[last] = value;
  }
}

/** Removes the field; an array element becomes null, as in MongoDB's `$unset`. */
export function unsetAt(doc: Record<string, unknown>, segments: readonly string[], path: string): void {
  const parent = parentFor(doc, segments, path, false);
  if (parent === undefined) return;
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    if (isArrayIndex(last) && Number(last) < parent.length) parent[Number(last)] = null;
  } else {
    delete parent[last];
  }
}

function padAndSet(array: unknown[], index: number, value: unknown): void {
  while (array.length < index) array.push(null);
  array[index] = value;
}

/**
 * Dotted paths, below `prefix`, that hold an array in `value` (not looking inside
 * arrays). The sqlite adapter records them to know which filters need MongoDB's
 * "any element matches" semantics.
 */
export function collectArrayPaths(value: unknown, prefix: string, out: string[]): void {
  if (Array.isArray(value)) {
    out.push(prefix);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child !== null && typeof child === 'object') collectArrayPaths(child, prefix === '' ? key : `${prefix}.${key}`, out);
  }
}
