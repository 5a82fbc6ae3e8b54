import type { Statement } from 'better-sqlite3';
import type { EventFilter } from '../event-store.port';

/** [position, stream_id, revision, type, data, metadata], as `.raw()` returns them; every row-reading query selects these, in this order. */
export type EventRow = [number, string, number, string, string, string];

const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata';

/** What a cursor needs from its store. */
export interface LogCursorHost {
  prepare(sql: string): Statement<unknown[], EventRow>;
  /** Ids of the (category, type) kinds passing the filter, and the highest kind id considered. */
  kindsMatching(filter: EventFilter): { kinds: number[]; upTo: number };
  /** Highest kind id stored; kinds are only ever added. */
  lastKind(): number;
}

interface Source {
  kind: number | undefined;
  rows: EventRow[];
  index: number;
  /** Exclusive: the next query starts after this position. */
  after: number;
  exhausted: boolean;
}

/**
 * Walks the log in position order between an exclusive start and an inclusive
 * bound. A filter is resolved to the (category, type) kinds it passes, and each
 * kind is read as one range of the (kind, position) index, merged here:
 * `kind IN (…) ORDER BY position` would make SQLite read and sort every later
 * match for each page, turning a catch-up quadratic.
 *
 * The bound is always a head position read before querying, so every source sees
 * the same committed prefix of the log and the merge can never emit an event
 * ahead of one that a slower source has not fetched yet.
 */
export class SqliteLogCursor {
  private readonly sources: Source[] = [];
  private readonly statement: Statement<unknown[], EventRow>;
  private readonly forwards: boolean;
  private kindsUpTo = 0;

  constructor(
    private readonly host: LogCursorHost,
    private readonly filter: EventFilter | undefined,
    direction: 'forwards' | 'backwards',
    /** Exclusive start: forwards the first position returned is > start, backwards < start. */
    start: number,
    /** Inclusive: forwards the last position returned, backwards the lowest. Read before constructing. */
    private bound: number,
  ) {
    this.forwards = direction === 'forwards';
    const filtered = filter !== undefined && (filter.types !== undefined || filter.categories !== undefined);
    this.statement = host.prepare(buildSql(filtered, this.forwards));
    if (!filtered) {
      this.sources.push({ kind: undefined, rows: [], index: 0, after: start, exhausted: false });
    } else {
      this.addKinds(start);
    }
  }

  get upTo(): number {
    return this.bound;
  }

  /**
   * Forwards only: lets the cursor continue up to a newer head. Kinds first seen
   * since the last look can only hold events after the old bound, so their
   * sources start there.
   */
  extend(bound: number): void {
    if (bound <= this.bound) return;
    if (this.filter && this.kindsUpTo < this.host.lastKind()) this.addKinds(this.bound);
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

  private addKinds(after: number): void {
    const { kinds, upTo } = this.host.kindsMatching(this.filter!);
    const known = new Set(this.sources.map((source) => source.kind));
    for (const kind of kinds) {
      if (!known.has(kind)) this.sources.push({ kind, rows: [], index: 0, after, exhausted: false });
    }
    this.kindsUpTo = upTo;
  }

  private fetch(source: Source, max: number): EventRow[] {
    const rows =
      source.kind === undefined
        ? this.statement.all(source.after, this.bound, max)
        : this.statement.all(source.kind, source.after, this.bound, max);
    if (rows.length < max) source.exhausted = true;
    if (rows.length > 0) source.after = rows[rows.length - 1][0];
    return rows;
  }
}

function buildSql(byKind: boolean, forwards: boolean): string {
  const range = forwards ? 'position > ? AND position <= ?' : 'position < ? AND position >= ?';
  const order = `ORDER BY position ${forwards ? 'ASC' : 'DESC'} LIMIT ?`;
  // INDEXED BY pins the (kind, position) index, which serves both the equality and the range in order.
  return byKind
    ? `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_by_kind WHERE kind = ? AND ${range} ${order}`
    : `SELECT ${EVENT_COLUMNS} FROM events WHERE ${range} ${order}`;
}
