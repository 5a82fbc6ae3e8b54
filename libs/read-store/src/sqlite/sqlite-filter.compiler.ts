import type { Filter } from '../read-store.port';
import { isArrayIndex, splitPath } from '../document/field-path.accessor';
import { filterList, inList, isOperatorObject, normalise } from '../document/filter.matcher';

/**
 * Compiles MongoDB filters to SQL over `(_id TEXT, doc JSONB)` tables.
 *
 * A field is read with `json_extract(doc,'$.path')`, written exactly as
 * `createIndex` writes it, so sqlite answers filters and sorts on indexed fields
 * from the index. What json_extract loses is put back with `json_type` guards,
 * added only where a value could be confused: booleans come back as 1/0 (a filter
 * on 1 or 0 checks the type), objects and arrays as JSON text (a string starting
 * with `[` or `{` checks the type), and range comparisons only match values of the
 * operand's type, as in MongoDB. `null` matches a missing field.
 *
 * MongoDB's "equality on an array matches any element" needs a json_each scan,
 * which no expression index can serve. So it is only compiled for paths the store
 * has seen holding an array (`arrayPaths`, recorded on every write); all other
 * paths get the plain, index-friendly comparison. Only the first array on a path
 * is traversed (`items.status` looks into the elements of `items`, not deeper).
 */

export interface SqlFilter {
  sql: string;
  params: unknown[];
  /** Paths that a top-level equality fixes to one value: sorting on them is a no-op (and would keep sqlite from using an index for the rest of the order). */
  pinned: Set<string>;
}

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NO_ARRAYS: ReadonlySet<string> = new Set();

export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function jsonPath(segments: readonly string[], arrayPaths: ReadonlySet<string>): string {
  let out = '$';
  let prefix = '';
  for (const segment of segments) {
    // `items.0` is an index when `items` holds arrays, otherwise a key named "0".
    if (prefix !== '' && isArrayIndex(segment) && arrayPaths.has(prefix)) out += `[${segment}]`;
    else out += SIMPLE_SEGMENT.test(segment) ? `.${segment}` : `."${segment}"`;
    prefix = prefix === '' ? segment : `${prefix}.${segment}`;
  }
  return sqlString(out);
}

/**
 * The SQL expression reading a field. createIndex, filters, sorts and cursors
 * all call this, so the text is identical and the index matches.
 */
export function fieldExpression(path: string, arrayPaths: ReadonlySet<string> = NO_ARRAYS): string {
  if (path === '_id') return '_id';
  return `json_extract(doc,${jsonPath(splitPath(path), arrayPaths)})`;
}

/** Length of the shortest path prefix known to hold arrays that the path looks into; -1 when none. */
function arrayPrefixLength(segments: readonly string[], arrayPaths: ReadonlySet<string>): number {
  if (arrayPaths.size === 0) return -1;
  let prefix = '';
  for (let k = 1; k <= segments.length; k++) {
    prefix = k === 1 ? segments[0] : `${prefix}.${segments[k - 1]}`;
    if (arrayPaths.has(prefix) && (k === segments.length || !isArrayIndex(segments[k]))) return k;
  }
  return -1;
}

type Access = { value: string; type: string };
type Condition = (field: Access) => string;

export function compileFilter(filter: Filter, arrayPaths: ReadonlySet<string>): SqlFilter {
  const compiler = new FilterCompiler(arrayPaths);
  const sql = compiler.filter(filter, true);
  return { sql, params: compiler.params, pinned: compiler.pinned };
}

class FilterCompiler {
  readonly params: unknown[] = [];
  readonly pinned = new Set<string>();

  constructor(private readonly arrayPaths: ReadonlySet<string>) {}

  filter(filter: Filter, top: boolean): string {
    const parts: string[] = [];
    for (const key of Object.keys(filter)) {
      const condition = filter[key];
      if (key === '$and') {
        parts.push(...filterList(key, condition).map((clause) => this.filter(clause, top)));
      } else if (key === '$or') {
        parts.push(`(${filterList(key, condition).map((clause) => this.filter(clause, false)).join(' OR ')})`);
      } else if (key.startsWith('$')) {
        throw new Error(`unknown top-level operator ${key}`);
      } else {
        parts.push(this.field(key, condition, top));
      }
    }
    if (parts.length === 0) return '1';
    return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  private field(path: string, condition: unknown, top: boolean): string {
    const segments = splitPath(path);
    const entries: Array<[string, unknown]> = isOperatorObject(condition) ? Object.entries(condition) : [['$eq', condition]];
    const arrayPrefix = path === '_id' ? -1 : arrayPrefixLength(segments, this.arrayPaths);
    const at = (condition: Condition) => (path === '_id' ? condition({ value: '_id', type: `'text'` }) : this.at(segments, arrayPrefix, condition));
    const parts = entries.map(([op, operand]) => {
      switch (op) {
        case '$eq':
          if (top && arrayPrefix < 0) this.pinned.add(path);
          return at((f) => this.equals(f, operand, path === '_id'));
        case '$ne':
          return negate(at((f) => this.equals(f, operand, path === '_id')));
        case '$in':
          return at((f) => this.in(f, inList(op, operand), path === '_id'));
        case '$nin':
          return negate(at((f) => this.in(f, inList(op, operand), path === '_id')));
        case '$exists': {
          const exists = path === '_id' ? '1' : at((f) => `${f.type} IS NOT NULL`);
          return operand ? exists : negate(exists);
        }
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          return at((f) => this.compare(f, op, operand, path === '_id'));
        default:
          throw new Error(`unknown operator ${op}`);
      }
    });
    return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  /** A condition on a path, widened to "any element" where the path may cross an array. */
  private at(segments: readonly string[], arrayPrefix: number, condition: Condition): string {
    const path = jsonPath(segments, this.arrayPaths);
    const whole = { value: `json_extract(doc,${path})`, type: `json_type(doc,${path})` };
    if (arrayPrefix < 0) return condition(whole);
    const arrayPath = jsonPath(segments.slice(0, arrayPrefix), this.arrayPaths);
    if (arrayPrefix === segments.length) {
      // The field itself: the whole value (exact array equality) or one element.
      const scalar = condition(whole);
      const element = condition({ value: 'e.value', type: 'e.type' });
      return `(${scalar} OR (${whole.type} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc,${arrayPath}) AS e WHERE ${element})))`;
    }
    // A field inside the elements of an array (`items.status`).
    const rest = jsonPath(segments.slice(arrayPrefix), NO_ARRAYS);
    const arrayType = `json_type(doc,${arrayPath})`;
    const scalar = condition(whole);
    const element = condition({ value: `json_extract(e.value,${rest})`, type: `json_type(e.value,${rest})` });
    return (
      `((${arrayType} IS NOT 'array' AND ${scalar}) OR (${arrayType} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc,${arrayPath}) AS e ` +
      // CASE, not AND: json_extract on a non-object element (plain text) would fail to parse.
      `WHERE CASE WHEN e.type = 'object' THEN ${element} ELSE 0 END)))`
    );
  }

  private param(value: unknown): string {
    this.params.push(value);
    return '?';
  }

  private equals(f: Access, operand: unknown, isId: boolean): string {
    const value = normalise(operand);
    if (isId) return typeof value === 'string' ? `_id = ${this.param(value)}` : '0';
    if (value === null) return `${f.value} IS NULL`;
    switch (typeof value) {
      case 'string':
        return value.startsWith('[') || value.startsWith('{')
          ? `(${f.value} = ${this.param(value)} AND ${f.type} = 'text')`
          : `${f.value} = ${this.param(value)}`;
      case 'number':
        finite(value);
        return value === 0 || value === 1
          ? `(${f.value} = ${this.param(value)} AND ${f.type} IN ('integer','real'))`
          : `${f.value} = ${this.param(value)}`;
      case 'boolean':
        return `(${f.value} = ${this.param(value ? 1 : 0)} AND ${f.type} = '${value}')`;
      case 'object':
        return `(${f.value} = json(${this.param(JSON.stringify(value))}) AND ${f.type} IN ('object','array'))`;
      default:
        throw new Error(`cannot compare with a ${typeof value}`);
    }
  }

  private in(f: Access, values: unknown[], isId: boolean): string {
    // Plain strings and numbers go to one IN list, which an index answers.
    const plain: unknown[] = [];
    const others: unknown[] = [];
    for (const raw of values) {
      const value = normalise(raw);
      if (isId) {
        if (typeof value === 'string') plain.push(value);
      } else if (
        (typeof value === 'string' && !value.startsWith('[') && !value.startsWith('{')) ||
        (typeof value === 'number' && Number.isFinite(value) && value !== 0 && value !== 1)
      ) {
        plain.push(value);
      } else {
        others.push(value);
      }
    }
    const terms: string[] = [];
    if (plain.length === 1) terms.push(`${f.value} = ${this.param(plain[0])}`);
    else if (plain.length > 1) terms.push(`${f.value} IN (${plain.map((v) => this.param(v)).join(',')})`);
    for (const value of others) terms.push(this.equals(f, value, false));
    if (terms.length === 0) return '0';
    return terms.length === 1 ? terms[0] : `(${terms.join(' OR ')})`;
  }

  private compare(f: Access, op: string, operand: unknown, isId: boolean): string {
    const value = normalise(operand);
    const sqlOp = op === '$gt' ? '>' : op === '$gte' ? '>=' : op === '$lt' ? '<' : '<=';
    if (value === null) return (op === '$gte' || op === '$lte') && !isId ? `${f.value} IS NULL` : '0';
    if (isId) return typeof value === 'string' ? `_id ${sqlOp} ${this.param(value)}` : '0';
    switch (typeof value) {
      case 'number':
        finite(value);
        return `(${f.value} ${sqlOp} ${this.param(value)} AND ${f.type} IN ('integer','real'))`;
      case 'string':
        // Numbers sort below text in sqlite: the '' bound keeps the index range to text.
        return op === '$lt' || op === '$lte'
          ? `(${f.value} >= '' AND ${f.value} ${sqlOp} ${this.param(value)} AND ${f.type} = 'text')`
          : `(${f.value} ${sqlOp} ${this.param(value)} AND ${f.type} = 'text')`;
      case 'boolean':
        return `(${f.value} ${sqlOp} ${this.param(value ? 1 : 0)} AND ${f.type} IN ('true','false'))`;
      default:
        throw new Error(`${op} cannot compare with a ${Array.isArray(value) ? 'array' : typeof value}`);
    }
  }
}

/** MongoDB's `$ne`/`$nin`/`$exists: false` also match where the positive form is unknown (a missing field). */
function negate(sql: string): string {
  return `NOT IFNULL(${sql},0)`;
}

function finite(value: number): void {
  if (!Number.isFinite(value)) throw new Error(`cannot compare with ${value}: documents hold JSON numbers`);
}
