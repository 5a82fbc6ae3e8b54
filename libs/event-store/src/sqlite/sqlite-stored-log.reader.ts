import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import type { EventRow } from './sqlite-log-cursor';

/** [position, stream_id, revision, type, data JSON, metadata JSON]: an event exactly as the file holds it. */
export type StoredEventRow = EventRow;

/**
 * A read-only connection to an events file for checks on what is stored (the
 * audit's hash-chain verification): rows in position order, their JSON text as
 * written, neither parsed nor upcast. Any thread may open one (it is how the
 * verifier's worker threads share a log); WAL lets it read beside the writer.
 */
export class SqliteStoredLogReader {
  private readonly db: Connection;
  private readonly range: Statement<[number, number, number], StoredEventRow>;
  private readonly head: Statement<[], number | null>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.range = this.db
      .prepare<[number, number, number], StoredEventRow>(
        'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
      )
      .raw(true);
    this.head = this.db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();
  }

  headPosition(): number {
    return this.head.get() ?? 0;
  }

  /** Up to `limit` events after `after` (exclusive) up to `to` (inclusive), in position order. */
  page(after: number, to: number, limit: number): StoredEventRow[] {
    return this.range.all(after, to, limit);
  }

  close(): void {
    this.db.close();
  }
}
