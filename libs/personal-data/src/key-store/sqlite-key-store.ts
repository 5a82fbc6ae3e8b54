import * as fs from 'fs';
import * as path from 'path';
import Database from 'better-sqlite3';
import { newKey } from '../field-cipher';
import { KeyLookup, KeyStore, SubjectErasedError } from './key-store.port';

export interface SqliteKeyStoreOptions {
  /** `keys.sqlite` in the data dir, or ':memory:'. */
  file: string;
}

interface KeyRow {
  subject: string;
  key: Buffer | null;
  destroyed_at: string | null;
}

/**
 * The embedded key store: one table in a file of its own, apart from the events
 * (a copy of events.sqlite holds no key). `secure_delete` zeroes the bytes a
 * destroyed key leaves behind in the file, and the WAL is checkpointed and
 * truncated at once, so the key survives in neither.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteKeyStoreOptions) {
    this.file = options.file;
    const memory = options.file === ':memory:';
    if (!memory) fs.mkdirSync(path.dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    if (!memory) this.db.pragma('journal_mode = WAL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      subject TEXT PRIMARY KEY,
      key BLOB,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    ) WITHOUT ROWID`);
  }

  async keyFor(subject: string): Promise<Buffer> {
    this.stmt('INSERT OR IGNORE INTO personal_data_keys (subject, key, created_at) VALUES (?, ?, ?)').run(subject, newKey(), new Date().toISOString());
    const found = await this.lookup(subject);
    if (found.status !== 'active') throw new SubjectErasedError(subject);
    return found.key;
  }

  async lookup(subject: string): Promise<KeyLookup> {
    const row = this.stmt('SELECT subject, key, destroyed_at FROM personal_data_keys WHERE subject = ?').get(subject) as KeyRow | undefined;
    if (!row) return { status: 'none' };
    if (row.destroyed_at !== null || !row.key) return { status: 'destroyed', destroyedAt: row.destroyed_at ?? '' };
    return { status: 'active', key: Buffer.from(row.key) };
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    // A tombstone even for a subject that never had a key: no key is made for it later.
    const destroyed = this.db.transaction(() => {
      const changed = this.stmt('UPDATE personal_data_keys SET key = NULL, destroyed_at = ? WHERE subject = ? AND destroyed_at IS NULL').run(at, subject).changes;
      if (changed === 0) this.stmt('INSERT OR IGNORE INTO personal_data_keys (subject, key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)').run(subject, at, at);
      return changed > 0;
    })();
    this.scrub();
    return destroyed;
  }

  async *exportKeys(): AsyncIterable<{ subject: string; key: Buffer }> {
    const rows = this.stmt('SELECT subject, key FROM personal_data_keys WHERE destroyed_at IS NULL AND key IS NOT NULL ORDER BY subject').all() as KeyRow[];
    for (const row of rows) yield { subject: row.subject, key: Buffer.from(row.key!) };
  }

  async importKey(subject: string, key: Buffer): Promise<'imported' | 'present' | 'destroyed' | 'conflict'> {
    const inserted = this.stmt('INSERT OR IGNORE INTO personal_data_keys (subject, key, created_at) VALUES (?, ?, ?)').run(subject, key, new Date().toISOString()).changes;
    if (inserted) return 'imported';
    const found = await this.lookup(subject);
    if (found.status === 'destroyed') return 'destroyed';
    return found.status === 'active' && found.key.equals(key) ? 'present' : 'conflict';
  }

  /** Moves the WAL into the file and truncates it: the overwritten key is in neither any more. */
  private scrub(): void {
    if (this.file !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
