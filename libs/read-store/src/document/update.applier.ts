import type { Filter, Update } from '../read-store.port';
import { collectArrayPaths, getAt, isPlainObject, setAt, splitPath, unsetAt } from './field-path.accessor';
import { isOperatorObject, matchesFilter, matchesValue, normalise, valueEquals } from './filter.matcher';

const OPERATORS = new Set(['$set', '$setOnInsert', '$inc', '$push', '$pull', '$unset']);

/**
 * Applies a MongoDB update document, already passed through checkUpdate, to a
 * plain JSON document in place, with MongoDB's rules and errors (`$inc` on a
 * non-number, `$push` to a non-array, immutable `_id`). `arrayPaths` receives
 * every path that may now hold an array, so the sqlite adapter can keep its
 * filters array-aware.
 */
export function applyUpdate(doc: Record<string, unknown>, update: Update, isInsert: boolean, arrayPaths: string[]): void {
  const id = doc._id;
  for (const op of Object.keys(update)) {
    const fields = (update as Record<string, Record<string, unknown>>)[op];
    if (op === '$setOnInsert' && !isInsert) continue;
    for (const path of Object.keys(fields)) {
      const segments = splitPath(path);
      const operand = fields[path];
      switch (op) {
        case '$set':
        case '$setOnInsert': {
          const value = normalise(operand);
          setAt(doc, segments, path, value);
          if (value !== null && typeof value === 'object') collectArrayPaths(value, path, arrayPaths);
          break;
        }
        case '$inc': {
          if (typeof operand !== 'number' || !Number.isFinite(operand)) throw new Error(`$inc of "${path}" needs a finite number`);
          const current = getAt(doc, segments);
          if (current === undefined) setAt(doc, segments, path, operand);
          else if (typeof current === 'number') setAt(doc, segments, path, current + operand);
          else throw new Error(`cannot apply $inc to "${path}": it holds a non-numeric value`);
          break;
        }
        case '$push':
          push(doc, segments, path, operand);
          arrayPaths.push(path);
          break;
        case '$pull':
          pull(doc, segments, path, operand);
          break;
        case '$unset':
          unsetAt(doc, segments, path);
          break;
      }
    }
  }
  if (id !== undefined && doc._id !== id) throw new Error(`the update would change the immutable field "_id" of ${JSON.stringify(id)}`);
}

/**
 * Applies, in place, an update of an existing document made only of `$set`,
 * `$inc` and `$unset` on top-level fields with JSON scalar values (strings,
 * finite numbers, booleans, null; `$setOnInsert` is skipped): the counters and
 * fields projections write on every event. Returns whether the document changed.
 * Returns undefined, leaving the document untouched, for any other update or one
 * that would fail: the caller then applies it with applyUpdate to a copy, which
 * reports MongoDB's errors. A document only ever updated this way holds no value
 * of the caller's (no object is shared) and nothing JSON would write differently,
 * so a store may keep it parsed across updates. `update` has passed checkUpdate.
 */
export function applyScalarUpdate(doc: Record<string, unknown>, update: Update): boolean | undefined {
  const ops = update as Record<string, Record<string, unknown>>;
  const names = Object.keys(ops);
  // Checked in full first, so nothing changes unless all of it can be applied this way.
  for (const op of names) {
    if (op === '$setOnInsert') continue;
    if (op !== '$set' && op !== '$inc' && op !== '$unset') return undefined;
    const fields = ops[op];
    for (const path of Object.keys(fields)) {
      if (!isPlainField(path)) return undefined;
      if (op === '$set') {
        if (!isScalar(normalise(fields[path]))) return undefined;
      } else if (op === '$inc') {
        const operand = fields[path];
        if (typeof operand !== 'number' || !Number.isFinite(operand)) return undefined;
        const current = doc[path];
        if (current !== undefined && (typeof current !== 'number' || !Number.isFinite(current + operand))) return undefined;
      }
    }
  }
  let changed = false;
  for (const op of names) {
    if (op === '$setOnInsert') continue;
    const fields = ops[op];
    for (const path of Object.keys(fields)) {
      const has = Object.prototype.hasOwnProperty.call(doc, path);
      if (op === '$unset') {
        if (!has) continue;
        delete doc[path];
      } else {
        const current = doc[path];
        const value = op === '$set' ? normalise(fields[path]) : current === undefined ? fields[path] : (current as number) + (fields[path] as number);
        if (has && current === value) continue;
        doc[path] = value;
      }
      changed = true;
    }
  }
  return changed;
}

/** A top-level field other than `_id` that splitPath would accept. */
function isPlainField(path: string): boolean {
  return path !== '_id' && path !== '__proto__' && path !== '' && path.charCodeAt(0) !== 36 /* $ */ && !path.includes('.') && !path.includes('"') && !path.includes('\u0000');
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value));
}

/** MongoDB refuses a malformed update before looking for documents; so do the adapters that apply updates themselves. */
export function checkUpdate(update: Update): void {
  if (!isPlainObject(update)) throw new Error('an update must be a document of update operators');
  const ops = Object.keys(update);
  if (ops.length === 0) throw new Error('an update needs at least one update operator');
  const paths: string[] = [];
  for (const op of ops) {
    if (!OPERATORS.has(op)) throw new Error(`unsupported update operator ${op}`);
    const fields = (update as Record<string, unknown>)[op];
    if (!isPlainObject(fields)) throw new Error(`${op} needs a document of fields`);
    for (const path of Object.keys(fields)) paths.push(path);
  }
  // MongoDB refuses an update touching one path twice, or a path and its parent.
  // (Every projection event checks an update: compared without building strings.)
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i];
      const b = paths[j];
      if (a === b || isPrefixPath(a, b) || isPrefixPath(b, a)) throw new Error(`updating the path "${b}" would create a conflict at "${a}"`);
    }
  }
}

/** Whether `path` lies inside `parent` (`a.b` inside `a`). */
function isPrefixPath(parent: string, path: string): boolean {
  return path.length > parent.length && path.charCodeAt(parent.length) === 46 /* . */ && path.startsWith(parent);
}

function push(doc: Record<string, unknown>, segments: readonly string[], path: string, operand: unknown): void {
  let values: unknown[] = [operand];
  let position: number | undefined;
  let slice: number | undefined;
  if (isPlainObject(operand) && '$each' in operand) {
    for (const modifier of Object.keys(operand)) {
      if (modifier !== '$each' && modifier !== '$position' && modifier !== '$slice') throw new Error(`unsupported $push modifier ${modifier}`);
    }
    if (!Array.isArray(operand.$each)) throw new Error(`$push $each of "${path}" needs an array`);
    values = operand.$each;
    if (operand.$position !== undefined) position = integer(operand.$position, '$position');
    if (operand.$slice !== undefined) slice = integer(operand.$slice, '$slice');
  }
  values = values.map(normalise);
  const current = getAt(doc, segments);
  if (current !== undefined && !Array.isArray(current)) throw new Error(`cannot apply $push to "${path}": it is not an array`);
  const array = (current as unknown[] | undefined) ?? [];
  if (current === undefined) setAt(doc, segments, path, array);
  if (position === undefined) array.push(...values);
  else array.splice(position < 0 ? Math.max(0, array.length + position) : Math.min(position, array.length), 0, ...values);
  if (slice !== undefined) {
    const kept = slice >= 0 ? array.slice(0, slice) : array.slice(slice);
    array.splice(0, array.length, ...kept);
  }
}

function integer(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${name} needs an integer`);
  return value;
}

/**
 * `$pull` removes elements equal to a value, matching an operator condition
 * (`{ $gte: 6 }`), or, for a document condition, elements that match it as a filter.
 */
function pull(doc: Record<string, unknown>, segments: readonly string[], path: string, condition: unknown): void {
  const current = getAt(doc, segments);
  if (current === undefined) return;
  if (!Array.isArray(current)) throw new Error(`cannot apply $pull to "${path}": it is not an array`);
  let remove: (element: unknown) => boolean;
  if (isOperatorObject(condition)) remove = (element) => matchesValue(element, condition);
  else if (isPlainObject(condition)) remove = (element) => isPlainObject(element) && matchesFilter(element, condition);
  else {
    const wanted = normalise(condition);
    remove = (element) => valueEquals(element, wanted);
  }
  const kept = current.filter((element) => !remove(element));
  if (kept.length !== current.length) current.splice(0, current.length, ...kept);
}

/**
 * The document an upsert starts from, as MongoDB builds it: the filter's equality
 * conditions (implicit or `$eq`, also inside `$and`), dotted paths expanded.
 */
export function seedFromFilter(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  addEqualities(seed, filter);
  return seed;
}

function addEqualities(seed: Record<string, unknown>, filter: Filter): void {
  for (const key of Object.keys(filter)) {
    const condition = filter[key];
    if (key === '$and') {
      if (Array.isArray(condition)) for (const clause of condition) if (isPlainObject(clause)) addEqualities(seed, clause);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isOperatorObject(condition)) {
      if ('$eq' in condition) setAt(seed, splitPath(key), key, normalise(condition.$eq));
    } else {
      setAt(seed, splitPath(key), key, normalise(condition));
    }
  }
}
