import { AsyncLocalStorage } from 'async_hooks';
import * as fs from 'fs';
import * as path from 'path';
import Database from 'better-sqlite3';
import { uuidv7 } from '@aftercare/kernel';
import {
  Collection,
  Doc,
  DuplicateKeyError,
  Filter,
  FindOptions,
  IndexSpec,
  Page,
  PageOptions,
  ReadStore,
  Update,
  WriteResult,
} from '../read-store.port';
import { collectArrayPaths, isPlainObject } from '../document/field-path.accessor';
import { applyScalarUpdate, applyUpdate, checkUpdate, seedFromFilter } from '../document/update.applier';
import { decodeCursor, encodeCursor, segmentsAfter, SortKey, totalOrder } from '../paging/keyset-paging.planner';
import { compileFilter, fieldExpression, quoteIdentifier, SqlFilter } from './sqlite-filter.compiler';

export interface SqliteReadStoreOptions {
  /** `<AFTERCARE_DATA_DIR>/read-models.sqlite` (its directory is created), or `:memory:`. */
  file: string;
  /** How long a write waits for another connection's transaction to finish; default 5 s. */
  busyTimeoutMs?: number;
  /**
   * Pages the write-ahead log may hold before a commit copies them into the
   * database file (sqlite's wal_autocheckpoint); default 10 000, about 40 MB.
   * Each copy ends in two fsyncs on the committing thread, and a page rewritten
   * by many commits is copied once per copy: with sqlite's 1 000, a projection
   * catching up spent a fifth of its time committing, mostly waiting on them.
   */
  walAutocheckpointPages?: number;
}

/** Paths seen holding arrays, per collection: see sqlite-filter.compiler.ts. */
const ARRAY_PATHS_TABLE = '_aftercare_array_paths';
const RESERVED_NAME = /^(sqlite_|_aftercare_)/i;
const STATEMENT_CACHE_LIMIT = 1000;
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * Documents are stored as JSONB, sqlite's binary JSON: json_extract reads a field
 * without parsing text, and every indexed write and every unindexed filter reads fields.
 */
const DOC_IN = 'jsonb(?)';
const DOC_OUT = 'json(doc)';

type Mode = 'row' | 'pluck' | 'raw';
type Statement = Database.Statement<unknown[], unknown>;
type Query = { sql: string; params: unknown[] };

interface TransactionFrame {
  done: Promise<void>;
}

/**
 * The embedded read-model store (ARCHITECTURE.md "Read side"): one sqlite file,
 * one table `(_id TEXT PRIMARY KEY, doc JSONB)` per collection, MongoDB filters
 * and updates (see sqlite-filter.compiler.ts and update.applier.ts).
 *
 * Durability: WAL with synchronous=NORMAL. A power cut may lose the last
 * committed transactions but never corrupts the file, and read models are
 * rebuildable from the event store: the checkpoint commits in the same
 * transaction as the writes, so what is lost is simply projected again.
 *
 * Concurrency: one store instance is one connection. `transaction()` keeps its
 * connection for the `work` it awaits; other callers of the same instance wait
 * until it commits (they are told apart with AsyncLocalStorage), so they neither
 * join nor see it. Other instances (the projection runner has its own; API
 * readers have theirs) see only committed data, thanks to WAL. A transaction
 * inside a transaction is a savepoint; nested calls must be awaited one at a time.
 * Inside a transaction, documents written by `_id` are held in memory and
 * written once, at commit (the DocumentCache, see SqliteCollection).
 *
 * Where it differs from MongoDB: sorting on a field holding arrays orders by the
 * array's JSON text (MongoDB: by its smallest/largest element); booleans sort as
 * 0/1 among numbers; documents missing a uniquely indexed field do not collide
 * (MongoDB indexes them as null); only the first array on a path is traversed.
 */
export class SqliteReadStore implements ReadStore {
  readonly supportsTransactions = true;
  private readonly connection: SqliteConnection;
  private readonly collections = new Map<string, SqliteCollection<Doc>>();

  constructor(options: SqliteReadStoreOptions) {
    this.connection = new SqliteConnection(options);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection(this.connection, name);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async listCollections(): Promise<string[]> {
    while (this.connection.mustWait()) await this.connection.turn();
    return this.connection.read(() =>
      (this.connection.stmt(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`, 'pluck').all() as string[]).filter(
        (name) => !RESERVED_NAME.test(name),
      ),
    );
  }

  transaction<R>(work: () => Promise<R>): Promise<R> {
    return this.connection.transaction(work);
  }

  /**
   * sqlite's plan for the statements a find (or, with `cursor`, a findPage
   * continuation) runs: one line per step, e.g. "SEARCH t USING INDEX …".
   * For checking that queries are served by indexes.
   */
  explainQueryPlan(collection: string, filter: Filter, options: FindOptions & { cursor?: string } = {}): string[][] {
    const queries = (this.collection(collection) as unknown as SqliteCollection<Doc>).plan(filter, options);
    return queries.map((q) => (this.connection.stmt(`EXPLAIN QUERY PLAN ${q.sql}`, 'row').all(...q.params) as Array<{ detail: string }>).map((r) => r.detail));
  }

  async scrub(): Promise<boolean> {
    while (this.connection.mustWait()) await this.connection.turn();
    if (this.connection.db.memory || this.connection.db.inTransaction) return this.connection.db.memory;
    const [result] = this.connection.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return result?.busy === 0;
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}

/** The connection with its caches, the transaction gate and the array-path registry. */
class SqliteConnection {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  /** Tables known to exist: no schema query per call once a collection's table is there. */
  private readonly tables = new Set<string>();
  private arrayPaths = new Map<string, Set<string>>();
  private arrayPathsVersion = -1;
  private readonly context = new AsyncLocalStorage<TransactionFrame>();
  private active: TransactionFrame | null = null;
  private savepoints = 0;
  /** Collections holding documents in memory (DocumentCache). */
  private readonly cached = new Set<SqliteCollection<Doc>>();
  /** PRAGMA data_version when the document caches were last known to match the file. */
  private cachesVersion = -1;
  /** better-sqlite3's wrapper: BEGIN…COMMIT at top level, a SAVEPOINT inside a transaction. */
  private readonly atomic: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(options: SqliteReadStoreOptions) {
    const memory = options.file === ':memory:' || options.file === '';
    if (!memory && !options.file.startsWith('file:')) fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    this.db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5000 });
    if (!memory) this.db.pragma('journal_mode = WAL');
    // Read models are rebuildable from the event store (see the class comment).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('temp_store = MEMORY');
    // Freed space is zeroed, so a document overwritten or deleted (erased personal data) leaves no copy in the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('cache_size = -32768');
    if (!memory) this.db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.walAutocheckpointPages ?? WAL_AUTOCHECKPOINT_PAGES))}`);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${ARRAY_PATHS_TABLE} (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path)) WITHOUT ROWID`,
    );
    this.atomic = this.db.transaction((fn: () => unknown) => fn());
  }

  /** A prepared statement, cached by its SQL text. */
  stmt(sql: string, mode: Mode): Statement {
    const key = mode + sql;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (mode === 'pluck') statement.pluck(true);
      else if (mode === 'raw') statement.raw(true);
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Whether a caller outside the open transaction must wait for it before touching the connection. */
  mustWait(): boolean {
    return this.active !== null && this.context.getStore() !== this.active;
  }

  /** Whether the caller (past the mustWait gate) runs inside this connection's open transaction. */
  get inOwnTransaction(): boolean {
    return this.active !== null;
  }

  /**
   * Runs `fn` once no other caller's transaction is in the way: at once and
   * synchronously when none is, which is always the case for the writes of a
   * projection batch (they run inside its transaction). A call then costs one
   * settled promise instead of an async function's chain of them.
   */
  call<R>(fn: () => R): Promise<R> {
    if (this.mustWait()) return this.active!.done.then(() => this.call(fn));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Registers a collection whose cache must be flushed before the open transaction commits. */
  track(collection: SqliteCollection<Doc>): void {
    this.cached.add(collection);
  }

  /** Writes every cached change of the open transaction to the tables. */
  flushCaches(): void {
    for (const collection of this.cached) collection.flushCache();
  }

  /** Forgets the cached documents: after a rollback, or once another connection has written. */
  dropCaches(): void {
    for (const collection of this.cached) collection.forgetCache();
    this.cached.clear();
  }

  /**
   * Keeps the document caches from one transaction to the next only while no
   * other connection has committed (PRAGMA data_version): checked once the
   * transaction holds the write lock, after which nobody else can commit.
   */
  private checkCaches(): void {
    const version = this.stmt('PRAGMA data_version', 'pluck').get() as number;
    if (version === this.cachesVersion) return;
    this.dropCaches();
    this.cachesVersion = version;
  }

  /** A unique index besides _id: a cached write could then violate it unnoticed until the flush. */
  hasUniqueIndex(name: string): boolean {
    return (
      this.stmt(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql LIKE 'CREATE UNIQUE %' LIMIT 1`, 'pluck').get(name) !==
      undefined
    );
  }

  /**
   * Settles when the open transaction ends. Callers loop on mustWait() and go on
   * in the same tick it turns false: another transaction may begin at any await.
   */
  turn(): Promise<void> {
    return this.active!.done;
  }

  /** Reads in one snapshot: the array-path check and the query(ies) see the same data. */
  read<R>(fn: () => R): R {
    return this.db.inTransaction ? fn() : (this.atomic.deferred(fn) as R);
  }

  /**
   * A write that commits entirely or not at all. Inside a transaction a single
   * statement is atomic by itself; several get a savepoint. Outside, an IMMEDIATE
   * transaction also keeps a read-modify-write safe from other connections.
   */
  write<R>(fn: () => R, statements: 'one' | 'many'): R {
    try {
      // Inside this connection's transaction (every write of a projection batch) without asking sqlite.
      if (this.active === null && !this.db.inTransaction) return this.atomic.immediate(fn) as R;
      return statements === 'one' ? fn() : (this.atomic(fn) as R);
    } catch (err) {
      // A rollback may have undone a CREATE TABLE or array-path row of this write.
      this.forgetSchema();
      throw err;
    }
  }

  async transaction<R>(work: () => Promise<R>): Promise<R> {
    if (this.active !== null && this.context.getStore() === this.active) return this.nested(work);
    while (this.active !== null) await this.active.done;
    let finish!: () => void;
    const frame: TransactionFrame = { done: new Promise<void>((resolve) => (finish = resolve)) };
    this.active = frame;
    try {
      this.stmt('BEGIN IMMEDIATE', 'row').run();
      this.checkCaches();
      const result = await this.context.run(frame, work);
      // sqlite ends a transaction on its own after some errors (a full disk…):
      // writing the cache now would commit it piecemeal.
      if (!this.db.inTransaction) throw new Error('the transaction was rolled back by sqlite after an error');
      this.flushCaches();
      this.stmt('COMMIT', 'row').run();
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.stmt('ROLLBACK', 'row').run();
      this.dropCaches();
      this.forgetSchema();
      throw err;
    } finally {
      this.active = null;
      finish();
    }
  }

  /** A transaction inside a transaction: a savepoint, so a failure the outer work catches undoes only the inner writes. */
  private async nested<R>(work: () => Promise<R>): Promise<R> {
    const name = `nested_${++this.savepoints}`;
    // Cached changes go to the tables first: a rollback to the savepoint then has
    // nothing in memory to undo, and the cache can simply be forgotten.
    this.flushCaches();
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      this.dropCaches();
      this.forgetSchema();
      throw err;
    }
  }

  hasTable(name: string): boolean {
    if (this.tables.has(name)) return true;
    const found = this.stmt(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, 'pluck').get(name) !== undefined;
    if (found) this.tables.add(name);
    return found;
  }

  ensureTable(name: string, table: string): void {
    if (this.tables.has(name)) return;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL)`);
    this.tables.add(name);
  }

  dropTable(name: string, table: string): void {
    this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    this.stmt(`DELETE FROM ${ARRAY_PATHS_TABLE} WHERE collection = ?`, 'row').run(name);
    this.tables.delete(name);
    this.arrayPaths.delete(name);
  }

  forgetSchema(): void {
    this.tables.clear();
    this.arrayPathsVersion = -1;
  }

  /**
   * The collection's array paths, reloaded whenever another connection has
   * committed since they were loaded (PRAGMA data_version), so a reader learns of
   * a field that became an array in the projector's connection.
   */
  arrayPathsOf(name: string): ReadonlySet<string> {
    const version = this.stmt('PRAGMA data_version', 'pluck').get() as number;
    if (version !== this.arrayPathsVersion) {
      const loaded = new Map<string, Set<string>>();
      for (const [collection, p] of this.stmt(`SELECT collection, path FROM ${ARRAY_PATHS_TABLE}`, 'raw').all() as Array<[string, string]>) {
        let set = loaded.get(collection);
        if (!set) loaded.set(collection, (set = new Set()));
        set.add(p);
      }
      this.arrayPaths = loaded;
      this.arrayPathsVersion = version;
    }
    return this.arrayPaths.get(name) ?? EMPTY_SET;
  }

  /** Records paths that now hold arrays, in the same transaction as the write that put them there. */
  noteArrayPaths(name: string, paths: string[]): void {
    if (paths.length === 0) return;
    let known = this.arrayPaths.get(name);
    for (const p of paths) {
      if (known?.has(p)) continue;
      this.stmt(`INSERT OR IGNORE INTO ${ARRAY_PATHS_TABLE} (collection, path) VALUES (?, ?)`, 'row').run(name, p);
      if (!known) this.arrayPaths.set(name, (known = new Set()));
      known.add(p);
    }
  }

  close(): void {
    if (!this.db.open) return;
    try {
      // Refreshes the statistics sqlite's planner picks indexes by; skipped rather
      // than waited for when another connection holds the write lock.
      this.db.pragma('busy_timeout = 50');
      if (!this.db.inTransaction) this.db.pragma('optimize');
    } catch {
      // Statistics are an optimisation; closing must not fail for them.
    }
    this.db.close();
  }
}

const NOTHING: WriteResult = { matchedCount: 0, modifiedCount: 0, upsertedId: null };
const UNCHANGED: WriteResult = { matchedCount: 1, modifiedCount: 0, upsertedId: null };
const CHANGED: WriteResult = { matchedCount: 1, modifiedCount: 1, upsertedId: null };

/**
 * A document of the open transaction, held in memory (see SqliteCollection's
 * DocumentCache comment): its JSON as the transaction sees it, and where it is stored.
 */
interface CachedDoc {
  readonly id: string;
  /** rowid of the stored row; undefined while the document is not in the table. */
  rowid: number | undefined;
  /**
   * The document as the transaction sees it, as JSON; null when absent (never
   * stored, or deleted); undefined while only `doc` is up to date.
   */
  json: string | null | undefined;
  /**
   * The document parsed, when it has been since the last flush, and only ever
   * changed by applyScalarUpdate: it shares nothing with callers and writes as
   * JSON exactly as it reads, so repeated updates (a counter bumped by every
   * event of a batch) neither parse nor serialise it again.
   */
  doc: Record<string, unknown> | undefined;
  /** The document differs from the table's row. */
  dirty: boolean;
  /** Length of the JSON last counted in the collection's cache size. */
  size: number;
}

/** How many documents, and how much JSON, a collection keeps in memory before it writes them and starts over. */
const DOC_CACHE_LIMIT = 50_000;
const DOC_CACHE_CHARS = 8 * 1024 * 1024;

/**
 * DocumentCache: inside this store's own transaction, the documents read or
 * written by `{ _id }` are held in memory; updates are applied there, and each
 * changed document is written once, when the transaction commits. A projection
 * batch updating a per-dealer counter for every event then writes it once per
 * batch, and reads nothing twice. Nobody can tell: other connections only see
 * committed data, other callers of this store wait for the transaction, and any
 * statement on the collection by anything but `_id` (a find, a count, an
 * updateMany…) first writes the cached changes to the table (and, if it writes,
 * forgets the cache). A nested transaction flushes at its savepoint, so a
 * rollback to it only has to forget the cache. Collections with a unique index
 * besides `_id` are not cached, so a violation is still reported by the write
 * that makes it; `insertOne` of an `_id` not cached goes straight to the table
 * for the same reason (the primary key).
 *
 * Committed documents stay cached for the next transactions (the next batches
 * of a projection touch the same customers and counters again) as long as the
 * table is only written through this store: any other connection's commit
 * (checked when a transaction starts), a rollback, or a write of this store
 * outside a transaction forgets them. At most DOC_CACHE_LIMIT documents or
 * DOC_CACHE_CHARS of JSON are kept per collection.
 */
class SqliteCollection<T extends Doc> implements Collection<T> {
  private readonly table: string;
  private readonly sqlById: string;
  private readonly sqlRowById: string;
  private readonly sqlUpdateRow: string;
  private readonly sqlInsert: string;
  private readonly sqlDeleteRow: string;
  private readonly sqlLoad: string;
  /** The per-event statements, held here to skip even the cache lookup; sqlite re-prepares them after a schema change. */
  private byId?: Statement;
  private rowById?: Statement;
  private updateRow?: Statement;
  private insertRow?: Statement;
  private deleteRow?: Statement;
  private load?: Statement;
  /**
   * The DocumentCache: undefined until a transaction first touches the
   * collection by `_id`, null when the collection is not cached (a unique index).
   */
  private docs: Map<string, CachedDoc> | null | undefined;
  /** Cached documents changed since the last flush, in the order they first changed. */
  private dirty: CachedDoc[] = [];
  /** JSON held by `docs`, in characters. */
  private chars = 0;

  constructor(
    private readonly connection: SqliteConnection,
    readonly name: string,
  ) {
    if (typeof name !== 'string' || name === '' || name.includes('\u0000') || name.includes('$') || RESERVED_NAME.test(name)) {
      throw new Error(`invalid collection name "${name}"`);
    }
    this.table = quoteIdentifier(name);
    this.sqlById = `SELECT ${DOC_OUT} FROM ${this.table} WHERE _id = ?`;
    // Read-modify-write goes by rowid: the write then skips a second lookup in the _id index.
    this.sqlRowById = `SELECT rowid, _id, ${DOC_OUT} FROM ${this.table} WHERE _id = ?`;
    this.sqlUpdateRow = `UPDATE ${this.table} SET doc = ${DOC_IN} WHERE rowid = ?`;
    this.sqlInsert = `INSERT INTO ${this.table} (_id, doc) VALUES (?, ${DOC_IN})`;
    this.sqlDeleteRow = `DELETE FROM ${this.table} WHERE rowid = ?`;
    this.sqlLoad = `SELECT rowid, ${DOC_OUT} FROM ${this.table} WHERE _id = ?`;
  }

  insertOne(doc: T): Promise<void> {
    let json: string;
    try {
      checkDocument(doc);
      json = JSON.stringify(doc);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.connection.call(() => {
      const docs = this.cache();
      const entry = docs?.get(doc._id);
      if (entry !== undefined) {
        if (entry.json !== null) throw new DuplicateKeyError(this.name, JSON.stringify({ _id: doc._id }));
        this.connection.ensureTable(this.name, this.table);
        this.connection.noteArrayPaths(this.name, collectAll(doc));
        this.change(entry, json);
        return;
      }
      // Outside a transaction the cache may hold this _id as absent.
      if (docs === null) this.settle(true);
      this.connection.write(() => {
        this.connection.ensureTable(this.name, this.table);
        this.insert(doc, json);
      }, 'one');
    });
  }

  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<WriteResult> {
    try {
      checkDocument(doc, false);
    } catch (err) {
      return Promise.reject(err);
    }
    const upsert = options?.upsert === true;
    return this.connection.call(() => {
      const id = idOnly(filter);
      // A replacement naming another _id than its filter is left to the table.
      const docs = id !== undefined && (doc._id === undefined || doc._id === id) ? this.cache() : null;
      if (docs) return this.replaceCached(docs, id!, doc, upsert);
      this.settle(true);
      return this.connection.write(() => {
        if (upsert) this.connection.ensureTable(this.name, this.table);
        else if (!this.connection.hasTable(this.name)) return NOTHING;
        const found = this.firstMatch(filter);
        if (found) {
          const [rowid, foundId, before] = found;
          if (doc._id !== undefined && doc._id !== foundId) throw new Error(`the replacement would change the immutable field "_id" of ${JSON.stringify(foundId)}`);
          const replacement = withId(foundId, doc);
          const after = JSON.stringify(replacement);
          if (after === before) return UNCHANGED;
          this.update(rowid, replacement, after, collectAll(replacement));
          return CHANGED;
        }
        if (!upsert) return NOTHING;
        const inserted = withId(doc._id ?? seedFromFilter(filter)._id ?? uuidv7(), doc);
        checkDocument(inserted);
        this.insert(inserted, JSON.stringify(inserted));
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
      }, 'one');
    });
  }

  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<WriteResult> {
    try {
      checkUpdate(update);
    } catch (err) {
      return Promise.reject(err);
    }
    const upsert = options?.upsert === true;
    return this.connection.call(() => {
      const id = idOnly(filter);
      const docs = id !== undefined ? this.cache() : null;
      if (docs) return this.updateCached(docs, id!, filter, update, upsert);
      this.settle(true);
      return this.connection.write(() => {
        if (upsert) this.connection.ensureTable(this.name, this.table);
        else if (!this.connection.hasTable(this.name)) return NOTHING;
        const found = this.firstMatch(filter);
        if (found) return this.modify(found[0], found[2], update) ? CHANGED : UNCHANGED;
        if (!upsert) return NOTHING;
        const arrayPaths: string[] = [];
        const inserted = this.upserted(filter, update, arrayPaths);
        this.connection.noteArrayPaths(this.name, arrayPaths);
        this.insert(inserted, JSON.stringify(inserted), false);
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id as string };
      }, 'one');
    });
  }

  updateMany(filter: Filter, update: Update): Promise<WriteResult> {
    try {
      checkUpdate(update);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.connection.call(() => {
      this.settle(true);
      return this.connection.write(() => {
        if (!this.connection.hasTable(this.name)) return NOTHING;
        const where = this.where(filter);
        const rows = this.connection.stmt(`SELECT rowid, ${DOC_OUT} FROM ${this.table} WHERE ${where.sql}`, 'raw').all(...where.params) as Array<[number, string]>;
        let modified = 0;
        for (const [rowid, before] of rows) if (this.modify(rowid, before, update)) modified++;
        return { matchedCount: rows.length, modifiedCount: modified, upsertedId: null };
      }, 'many');
    });
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.connection.call(() => {
      const id = idOnly(filter);
      const docs = id !== undefined ? this.cache() : null;
      if (docs) {
        const entry = this.entry(docs, id!);
        if (entry.json === null) return { deletedCount: 0 };
        this.change(entry, null);
        return { deletedCount: 1 };
      }
      this.settle(true);
      return this.connection.write(() => {
        if (!this.connection.hasTable(this.name)) return { deletedCount: 0 };
        const where = this.where(filter);
        const sql = `DELETE FROM ${this.table} WHERE _id = (SELECT _id FROM ${this.table} WHERE ${where.sql} LIMIT 1)`;
        return { deletedCount: this.connection.stmt(sql, 'row').run(...where.params).changes };
      }, 'one');
    });
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.connection.call(() => {
      this.settle(true);
      return this.connection.write(() => {
        if (!this.connection.hasTable(this.name)) return { deletedCount: 0 };
        const where = this.where(filter);
        return { deletedCount: this.connection.stmt(`DELETE FROM ${this.table} WHERE ${where.sql}`, 'row').run(...where.params).changes };
      }, 'one');
    });
  }

  findOne(filter: Filter): Promise<T | null> {
    return this.connection.call(() => {
      const id = idOnly(filter);
      const docs = id !== undefined ? this.cache() : null;
      let json: string | null | undefined;
      if (docs) json = this.jsonOf(this.entry(docs, id!));
      else {
        this.settle(false);
        json = this.connection.read(() => {
          if (!this.connection.hasTable(this.name)) return undefined;
          if (id !== undefined) return (this.byId ??= this.connection.stmt(this.sqlById, 'pluck')).get(id) as string | undefined;
          const where = this.where(filter);
          return this.connection.stmt(`SELECT ${DOC_OUT} FROM ${this.table} WHERE ${where.sql} LIMIT 1`, 'pluck').get(...where.params) as string | undefined;
        });
      }
      return json == null ? null : (JSON.parse(json) as T);
    });
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let query: () => Query;
    try {
      query = this.findQuery(filter, options);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.connection.call(() => {
      this.settle(false);
      const rows = this.connection.read(() => {
        if (!this.connection.hasTable(this.name)) return [];
        const q = query();
        return this.connection.stmt(q.sql, 'pluck').all(...q.params) as string[];
      });
      return rows.map((json) => JSON.parse(json) as T);
    });
  }

  findPage(filter: Filter, options: PageOptions): Promise<Page<T>> {
    const { limit } = options;
    let keys: SortKey[];
    let after: unknown[] | undefined;
    try {
      if (!Number.isInteger(limit) || limit < 1) throw new Error('findPage needs a positive integer limit');
      keys = totalOrder(options.sort);
      after = options.cursor ? decodeCursor(keys, options.cursor) : undefined;
    } catch (err) {
      return Promise.reject(err);
    }
    return this.connection.call(() => {
      this.settle(false);
      const rows = this.connection.read(() => {
        if (!this.connection.hasTable(this.name)) return [];
        // One more than asked tells whether there is a next page.
        const wanted = limit + 1;
        const found: unknown[][] = [];
        for (const q of this.pageQueries(filter, keys, after)) {
          found.push(...(this.connection.stmt(`${q.sql} LIMIT ${wanted - found.length}`, 'raw').all(...q.params) as unknown[][]));
          if (found.length >= wanted) break;
        }
        return found;
      });
      const items = rows.slice(0, limit).map((row) => JSON.parse(row[0] as string) as T);
      const nextCursor = rows.length > limit ? encodeCursor(keys, rows[limit - 1].slice(1)) : null;
      return { items, nextCursor };
    });
  }

  count(filter: Filter = {}): Promise<number> {
    return this.connection.call(() => {
      this.settle(false);
      return this.connection.read(() => {
        if (!this.connection.hasTable(this.name)) return 0;
        const where = this.where(filter);
        return this.connection.stmt(`SELECT count(*) FROM ${this.table} WHERE ${where.sql}`, 'pluck').get(...where.params) as number;
      });
    });
  }

  createIndex(spec: IndexSpec): Promise<void> {
    let sql: string;
    let name: string;
    try {
      const fields = Object.entries(spec.fields ?? {});
      if (fields.length === 0) throw new Error('an index needs at least one field');
      for (const [field, dir] of fields) {
        if (dir !== 1 && dir !== -1) throw new Error(`index direction of "${field}" must be 1 or -1`);
      }
      // MongoDB's implicit unique index on _id; sqlite's primary key is the same thing.
      if (fields.length === 1 && fields[0][0] === '_id') return Promise.resolve();
      name = spec.name ?? fields.map(([field, dir]) => `${field}_${dir}`).join('_');
      const columns = fields.map(([field, dir]) => `${fieldExpression(field)}${dir === -1 ? ' DESC' : ''}`);
      // `_id` last, in the last key's direction, as the keyset tie-breaker: the index
      // then yields the full order findPage asks for, without a sort step.
      if (!spec.unique && !fields.some(([field]) => field === '_id')) columns.push(`_id${fields[fields.length - 1][1] === -1 ? ' DESC' : ''}`);
      const indexName = quoteIdentifier(`${this.name}$${name}`);
      sql = `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX ${indexName} ON ${this.table} (${columns.join(', ')})`;
    } catch (err) {
      return Promise.reject(err);
    }
    return this.connection.call(() => {
      // The index is built over the cached changes too; a unique one also ends the caching.
      this.settle(true);
      this.forgetCache();
      this.connection.write(() => {
        this.connection.ensureTable(this.name, this.table);
        const existing = this.connection.stmt(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, 'pluck').get(`${this.name}$${name}`);
        if (existing === sql) return;
        if (existing !== undefined) throw new Error(`an index named "${name}" with other keys or options exists on ${this.name}`);
        try {
          this.connection.db.exec(sql.replace('INDEX', 'INDEX IF NOT EXISTS'));
        } catch (err) {
          throw this.writeError(err);
        }
      }, 'one');
    });
  }

  drop(): Promise<void> {
    return this.connection.call(() => {
      this.forgetCache();
      this.connection.write(() => this.connection.dropTable(this.name, this.table), 'many');
    });
  }

  /** Writes the cached changes to the table (DocumentCache); called before the transaction commits, and before anything reads the table. */
  flushCache(): void {
    const dirty = this.dirty;
    if (dirty.length === 0) return;
    this.dirty = [];
    for (let i = 0; i < dirty.length; i++) {
      const entry = dirty[i];
      if (!entry.dirty) continue;
      const json = this.jsonOf(entry);
      // Kept as JSON only: half the memory, and parsed again if updated again.
      entry.doc = undefined;
      try {
        if (json === null) {
          if (entry.rowid !== undefined) (this.deleteRow ??= this.connection.stmt(this.sqlDeleteRow, 'row')).run(entry.rowid);
          entry.rowid = undefined;
        } else if (entry.rowid !== undefined) {
          (this.updateRow ??= this.connection.stmt(this.sqlUpdateRow, 'row')).run(json, entry.rowid);
        } else {
          entry.rowid = Number((this.insertRow ??= this.connection.stmt(this.sqlInsert, 'row')).run(entry.id, json).lastInsertRowid);
        }
      } catch (err) {
        // What is not written stays pending: a caller that goes on after the
        // error cannot commit the transaction without it.
        this.dirty = dirty.slice(i);
        throw this.writeError(err, json === null ? { _id: entry.id } : (JSON.parse(json) as Record<string, unknown>));
      }
      entry.dirty = false;
    }
  }

  /** Drops the DocumentCache without writing it (see the class comment for when). */
  forgetCache(): void {
    this.docs = undefined;
    this.dirty = [];
    this.chars = 0;
  }

  /** The DocumentCache when the caller runs inside this store's transaction and the collection may be cached; null otherwise. */
  private cache(): Map<string, CachedDoc> | null {
    if (!this.connection.inOwnTransaction) return null;
    if (this.docs === undefined) {
      this.docs = this.connection.hasTable(this.name) && this.connection.hasUniqueIndex(this.name) ? null : new Map();
      this.connection.track(this as unknown as SqliteCollection<Doc>);
    }
    return this.docs;
  }

  /**
   * Before a statement on the table by anything but the cache: inside a
   * transaction the cached changes go to the table first; a statement that may
   * change documents makes the cached ones stale.
   */
  private settle(writes: boolean): void {
    if (!this.docs) return;
    if (!this.connection.inOwnTransaction) {
      // Nothing is pending outside a transaction: everything was written at commit.
      if (writes) this.forgetCache();
      return;
    }
    this.flushCache();
    if (writes) {
      this.docs.clear();
      this.chars = 0;
    }
  }

  /** The cached document with this _id, read from the table on first use. */
  private entry(docs: Map<string, CachedDoc>, id: string): CachedDoc {
    let entry = docs.get(id);
    if (entry === undefined) {
      if (docs.size >= DOC_CACHE_LIMIT || this.chars >= DOC_CACHE_CHARS) {
        this.flushCache();
        docs.clear();
        this.chars = 0;
      }
      const row = this.connection.hasTable(this.name)
        ? ((this.load ??= this.connection.stmt(this.sqlLoad, 'raw')).get(id) as [number, string] | undefined)
        : undefined;
      entry =
        row === undefined
          ? { id, rowid: undefined, json: null, doc: undefined, dirty: false, size: 0 }
          : { id, rowid: row[0], json: row[1], doc: undefined, dirty: false, size: row[1].length };
      this.chars += entry.size;
      docs.set(id, entry);
    }
    return entry;
  }

  /** Records the document's new JSON (null: deleted). */
  private change(entry: CachedDoc, json: string | null): void {
    entry.json = json;
    entry.doc = undefined;
    this.resize(entry, json === null ? 0 : json.length);
    this.markDirty(entry);
  }

  /** The cached document's JSON, serialised if only the parsed document is up to date. */
  private jsonOf(entry: CachedDoc): string | null {
    if (entry.json === undefined) {
      entry.json = JSON.stringify(entry.doc);
      this.resize(entry, entry.json.length);
    }
    return entry.json;
  }

  private resize(entry: CachedDoc, size: number): void {
    this.chars += size - entry.size;
    entry.size = size;
  }

  private markDirty(entry: CachedDoc): void {
    if (!entry.dirty) {
      entry.dirty = true;
      this.dirty.push(entry);
    }
  }

  private updateCached(docs: Map<string, CachedDoc>, id: string, filter: Filter, update: Update, upsert: boolean): WriteResult {
    if (upsert) this.connection.ensureTable(this.name, this.table);
    const entry = this.entry(docs, id);
    if (entry.json !== null) {
      const owned = (entry.doc ??= JSON.parse(entry.json!) as Record<string, unknown>);
      const changed = applyScalarUpdate(owned, update);
      if (changed !== undefined) {
        if (!changed) return UNCHANGED;
        entry.json = undefined;
        this.markDirty(entry);
        return CHANGED;
      }
      // Any other update goes to a copy: one failing half-way leaves the cached
      // document as it was, and the copy may hold the caller's objects.
      const before = this.jsonOf(entry)!;
      const doc = JSON.parse(before) as Record<string, unknown>;
      const arrayPaths: string[] = [];
      applyUpdate(doc, update, false, arrayPaths);
      const after = JSON.stringify(doc);
      if (after === before) return UNCHANGED;
      this.connection.noteArrayPaths(this.name, arrayPaths);
      this.change(entry, after);
      return CHANGED;
    }
    if (!upsert) return NOTHING;
    const arrayPaths: string[] = [];
    const inserted = this.upserted(filter, update, arrayPaths);
    this.connection.noteArrayPaths(this.name, arrayPaths);
    this.change(entry, JSON.stringify(inserted));
    return { matchedCount: 0, modifiedCount: 0, upsertedId: id };
  }

  private replaceCached(docs: Map<string, CachedDoc>, id: string, doc: T, upsert: boolean): WriteResult {
    if (upsert) this.connection.ensureTable(this.name, this.table);
    const entry = this.entry(docs, id);
    const replacement = withId(id, doc);
    const before = this.jsonOf(entry);
    if (before === null) {
      if (!upsert) return NOTHING;
      checkDocument(replacement);
    }
    const after = JSON.stringify(replacement);
    if (after === before) return UNCHANGED;
    this.connection.noteArrayPaths(this.name, collectAll(replacement));
    const existed = entry.json !== null;
    this.change(entry, after);
    return existed ? CHANGED : { matchedCount: 0, modifiedCount: 0, upsertedId: id };
  }

  /** The document an upsert inserts, as MongoDB builds it; `arrayPaths` receives its array paths. */
  private upserted(filter: Filter, update: Update, arrayPaths: string[]): Record<string, unknown> {
    const doc = seedFromFilter(filter);
    applyUpdate(doc, update, true, arrayPaths);
    const inserted = withId(doc._id ?? uuidv7(), doc);
    checkDocument(inserted);
    collectArrayPaths(inserted, '', arrayPaths);
    return inserted;
  }

  /** The statements a find or findPage continuation runs; for explainQueryPlan. */
  plan(filter: Filter, options: FindOptions & { cursor?: string }): Query[] {
    return this.connection.read(() => {
      if (options.cursor === undefined) return [this.findQuery(filter, options)()];
      const keys = totalOrder(options.sort);
      return this.pageQueries(filter, keys, decodeCursor(keys, options.cursor)).map((q) => ({ sql: `${q.sql} LIMIT ${(options.limit ?? 20) + 1}`, params: q.params }));
    });
  }

  private where(filter: Filter): SqlFilter {
    return compileFilter(filter, this.connection.arrayPathsOf(this.name));
  }

  /** Built before waiting for the connection, so a bad sort or limit is refused right away; compiled inside the read. */
  private findQuery(filter: Filter, options: FindOptions): () => Query {
    const keys = options.sort ? totalOrder(options.sort) : [];
    const limit = options.limit ?? 0;
    const skip = options.skip ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw new Error('limit must be a non-negative integer (0: no limit)');
    if (!Number.isInteger(skip) || skip < 0) throw new Error('skip must be a non-negative integer');
    return () => {
      const arrayPaths = this.connection.arrayPathsOf(this.name);
      const where = compileFilter(filter, arrayPaths);
      let sql = `SELECT ${DOC_OUT} FROM ${this.table} WHERE ${where.sql}${orderBy(keys, where.pinned, arrayPaths)}`;
      // MongoDB's limit 0 means "no limit"; so does sqlite's -1.
      if (limit > 0 || skip > 0) sql += ` LIMIT ${limit > 0 ? limit : -1}${skip > 0 ? ` OFFSET ${skip}` : ''}`;
      return { sql, params: where.params };
    };
  }

  /**
   * The first page: the filter in sort order. A continuation: one query per
   * keyset segment (keyset-paging.planner.ts), each a plain index range with the
   * cursor values bound, run in order until the page is full.
   */
  private pageQueries(filter: Filter, keys: SortKey[], after: unknown[] | undefined): Query[] {
    const arrayPaths = this.connection.arrayPathsOf(this.name);
    const where = compileFilter(filter, arrayPaths);
    const expressions = keys.map((k) => fieldExpression(k.path, arrayPaths));
    const select = `SELECT ${DOC_OUT}, ${expressions.join(', ')} FROM ${this.table} WHERE ${where.sql}`;
    if (after === undefined) return [{ sql: `${select}${orderBy(keys, where.pinned, arrayPaths)}`, params: where.params }];
    return segmentsAfter(keys, after).map((segment) => {
      const params = [...where.params];
      const pinned = new Set(where.pinned);
      const terms: string[] = [];
      for (const { path: p, value } of segment.equal) {
        const expression = fieldExpression(p, arrayPaths);
        pinned.add(p);
        if (value === null) terms.push(`${expression} IS NULL`);
        else {
          terms.push(`${expression} = ?`);
          params.push(value);
        }
      }
      const expression = fieldExpression(segment.path, arrayPaths);
      const bound = segment.bound;
      if (bound.kind === 'gt' || bound.kind === 'lt') {
        terms.push(`${expression} ${bound.kind === 'gt' ? '>' : '<'} ?`);
        params.push(bound.value);
      } else if (bound.kind === 'notNull') {
        terms.push(`${expression} IS NOT NULL`);
      } else {
        terms.push(`${expression} IS NULL`);
        pinned.add(segment.path);
      }
      return { sql: `${select} AND ${terms.join(' AND ')}${orderBy(keys, pinned, arrayPaths)}`, params };
    });
  }

  /** rowid, _id and JSON of the first match. */
  private firstMatch(filter: Filter): [number, string, string] | undefined {
    const id = idOnly(filter);
    if (id !== undefined) return (this.rowById ??= this.connection.stmt(this.sqlRowById, 'raw')).get(id) as [number, string, string] | undefined;
    const where = this.where(filter);
    return this.connection.stmt(`SELECT rowid, _id, ${DOC_OUT} FROM ${this.table} WHERE ${where.sql} LIMIT 1`, 'raw').get(...where.params) as
      | [number, string, string]
      | undefined;
  }

  /** Applies an update to one stored document; false when it changes nothing (MongoDB's modifiedCount 0, and no write). */
  private modify(rowid: number, before: string, update: Update): boolean {
    const doc = JSON.parse(before) as Record<string, unknown>;
    const arrayPaths: string[] = [];
    applyUpdate(doc, update, false, arrayPaths);
    const after = JSON.stringify(doc);
    if (after === before) return false;
    this.update(rowid, doc, after, arrayPaths);
    return true;
  }

  private update(rowid: number, doc: Record<string, unknown>, json: string, arrayPaths: string[]): void {
    this.connection.noteArrayPaths(this.name, arrayPaths);
    try {
      (this.updateRow ??= this.connection.stmt(this.sqlUpdateRow, 'row')).run(json, rowid);
    } catch (err) {
      throw this.writeError(err, doc);
    }
  }

  private insert(doc: Record<string, unknown>, json: string, noteArrays = true): void {
    if (noteArrays) this.connection.noteArrayPaths(this.name, collectAll(doc));
    try {
      (this.insertRow ??= this.connection.stmt(this.sqlInsert, 'row')).run(doc._id, json);
    } catch (err) {
      throw this.writeError(err, doc);
    }
  }

  /** sqlite's constraint errors as the port's DuplicateKeyError, naming the key like MongoDB's keyValue. */
  private writeError(err: unknown, doc?: Record<string, unknown>): unknown {
    // Checked by code, not instanceof: the native addon keeps the SqliteError class of the
    // first module instance that loaded it (e.g. per jest test file), so instanceof lies.
    if (!isSqliteError(err)) return err;
    if (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new DuplicateKeyError(this.name, JSON.stringify({ _id: doc?._id }));
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE') return err;
    const index = /index '(.*)'$/.exec(err.message)?.[1];
    const sql = index === undefined ? undefined : (this.connection.stmt(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, 'pluck').get(index) as string | undefined);
    const fields = [...(sql ?? '').matchAll(/json_extract\(doc,'\$\.((?:[^']|'')*)'\)/g)].map((m) => m[1].replace(/''/g, "'").replace(/"/g, ''));
    const indexName = index?.slice(this.name.length + 1) ?? 'unique index';
    if (!doc || fields.length === 0) return new DuplicateKeyError(this.name, indexName);
    const key = Object.fromEntries(fields.map((f) => [f, f.split('.').reduce<unknown>((v, s) => (isPlainObject(v) ? v[s] : undefined), doc) ?? null]));
    return new DuplicateKeyError(this.name, `${indexName} ${JSON.stringify(key)}`);
  }
}

function isSqliteError(err: unknown): err is Error & { code: string } {
  // Not `instanceof Error` either: that class too is the first module instance's realm's.
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** ORDER BY for the total order, leaving out keys an equality fixes (sqlite would sort on them instead of using the index). */
function orderBy(keys: SortKey[], pinned: ReadonlySet<string>, arrayPaths: ReadonlySet<string>): string {
  const terms = keys.filter((k) => !pinned.has(k.path)).map((k) => `${fieldExpression(k.path, arrayPaths)} ${k.dir === 1 ? 'ASC' : 'DESC'}`);
  return terms.length === 0 ? '' : ` ORDER BY ${terms.join(', ')}`;
}

/** The `_id` of a filter that is exactly `{ _id: '…' }`: the hot path of projections, answered by the primary key without compiling. */
function idOnly(filter: Filter): string | undefined {
  let id: unknown;
  for (const key in filter) {
    if (key !== '_id' || id !== undefined) return undefined;
    id = filter[key];
  }
  return typeof id === 'string' ? id : undefined;
}

function checkDocument(doc: unknown, needsId = true): asserts doc is Doc {
  if (!isPlainObject(doc)) throw new Error('a document must be a plain object');
  if ((needsId || doc._id !== undefined) && typeof doc._id !== 'string') throw new Error('a document needs a string _id');
  for (const key of Object.keys(doc)) if (key.startsWith('$')) throw new Error(`field names cannot start with $: "${key}"`);
}

/** The document with `_id` as its first field, where MongoDB puts it. */
function withId(id: unknown, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: id, ...doc };
  out._id = id;
  return out;
}

function collectAll(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  collectArrayPaths(doc, '', out);
  return out;
}
