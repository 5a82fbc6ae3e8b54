import type { Statement } from 'better-sqlite3';
import type { EventFilter } from '../event-store.port';

/** [position, stream_id, revision, type, data, metadata], as `.raw()` returns them; every row-reading query selects these, in this order. */
export type EventRow = [number, string, number, string, string, string];

const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata';

type PrepareFn = (sql: string) => Statement<unknown[], EventRow>;

interface Source {
  key: string | undefined;
  rows: EventRow[];
  index: number;
  /** Exclusive: the next query starts after this position. */
  after: number;
  exhausted: boolean;
}

/**
 * Walks the log in position order between an exclusive start and an inclusive
 * bound. A filter on several types (or categories) is served by one index range
 * per value, merged here: `type IN (…) ORDER BY position` would make SQLite read
 * and sort every later match for each page, turning a catch-up quadratic.
 *
 * The bound is always a head position read before querying, so every source sees
 * the same committed prefix of the log and the merge can never emit an event
 * ahead of one that a slower source has not fetched yet.
 */
export class SqliteLogCursor {
  private readonly sources: Source[];
  private readonly statement: Statement<unknown[], EventRow>;
  private readonly residual: string[];
  private readonly forwards: boolean;

  constructor(
    prepare: PrepareFn,
    filter: EventFilter | undefined,
    direction: 'forwards' | 'backwards',
    /** Exclusive start: forwards the first position returned is > start, backwards < start. */
    start: number,
    /** Inclusive: forwards the last position returned, backwards the lowest. */
    private bound: number,
  ) {
    this.forwards = direction === 'forwards';
    const types = filter?.types ? [...new Set(filter.types)] : undefined;
    const categories = filter?.categories ? [...new Set(filter.categories)] : undefined;
    let driver: 'type' | 'category' | undefined;
    let keys: (string | undefined)[] = [undefined];
    let residualColumn: string | undefined;
    this.residual = [];
    if (types) {
      driver = 'type';
      keys = types;
      if (categories) {
        residualColumn = 'category';
        this.residual = categories;
      }
    } else if (categories) {
      driver = 'category';
      keys = categories;
    }
    // An empty list is a filter nothing passes, not an absent filter.
    if (residualColumn && this.residual.length === 0) keys = [];
    this.sources = keys.map((key) => ({ key, rows: [], index: 0, after: start, exhausted: false }));
    this.statement = prepare(buildSql(driver, residualColumn, this.residual.length, this.forwards));
  }

  get upTo(): number {
    return this.bound;
  }

  /** Forwards only: lets the cursor continue up to a newer head. */
  extend(bound: number): void {
    if (bound <= this.bound) return;
    this.bound = bound;
    for (const source of this.sources) source.exhausted = false;
  }

  /** Up to `max` rows in order; [] once everything up to the bound was returned. */
  nextPage(max: number): EventRow[] {
    const sources = this.sources;
    if (sources.length === 1) {
      const only = sources[0];
      if (only.index === only.rows.length) {
        if (only.exhausted) return [];
        return this.fetch(only, max);
      }
    }
    const page: EventRow[] = [];
    const forwards = this.forwards;
    while (page.length < max) {
      let best: Source | undefined;
      let bestPosition = 0;
      for (const source of sources) {
        if (source.index === source.rows.length) {
          if (source.exhausted) continue;
          source.rows = this.fetch(source, max);
          source.index = 0;
          if (source.rows.length === 0) continue;
        }
        const position = source.rows[source.index][0];
        if (best === undefined || (forwards ? position < bestPosition : position > bestPosition)) {
          best = source;
          bestPosition = position;
        }
      }
      if (!best) break;
      page.push(best.rows[best.index++]);
    }
    return page;
  }

  private fetch(source: Source, max: number): EventRow[] {
    const rows =
      source.key === undefined
        ? this.statement.all(source.after, this.bound, ...this.residual, max)
        : this.statement.all(source.key, source.after, this.bound, ...this.residual, max);
    if (rows.length < max) source.exhausted = true;
    if (rows.length > 0) source.after = rows[rows.length - 1][0];
    return rows;
  }
}

function buildSql(
  driver: 'type' | 'category' | undefined,
  residualColumn: string | undefined,
  residualCount: number,
  forwards: boolean,
): string {
  // INDEXED BY pins the (driver, position) index: it serves both the equality and
  // the position range in order, and the planner cannot pick a residual index instead.
  const from = driver ? `events INDEXED BY events_by_${driver}` : 'events';
  const conditions: string[] = [];
  if (driver) conditions.push(`${driver} = ?`);
  conditions.push(forwards ? 'position > ? AND position <= ?' : 'position < ? AND position >= ?');
  if (residualColumn) conditions.push(`${residualColumn} IN (${new Array(residualCount).fill('?').join(', ')})`);
  return `SELECT ${EVENT_COLUMNS} FROM ${from} WHERE ${conditions.join(' AND ')} ORDER BY position ${forwards ? 'ASC' : 'DESC'} LIMIT ?`;
}
