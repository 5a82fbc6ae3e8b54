/**
 * Event store throughput on the embedded SQLite adapter (WAL, synchronous=FULL),
 * on a fresh file under the OS temp directory.
 */
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { uuidv7, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import type { BenchFigure, BenchSuite } from './bench-suite';

const SEQ_SECONDS = 3;
const CONCURRENT_SECONDS = 3;
const CONCURRENT_WRITERS = 64;
const LOG_SIZE = 200_000;
const READ_SECONDS = 3;

export const suite: BenchSuite = {
  name: 'event-store',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-events-'));
    const store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    try {
      const figures: Record<string, BenchFigure> = {};
      figures.sqlite_commit_baseline_tps = rawCommitBaseline(dir);
      figures.append_seq_eps = await appendSequential(store);
      figures.append_concurrent_eps = await appendConcurrent(store);
      await fillTo(store, LOG_SIZE);
      figures.read_all_eps = await readAll(store);
      figures.subscribe_catchup_eps = await subscribeCatchUp(store);
      return figures;
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * What this disk allows: bare one-row transactions with the store's durability
 * settings. The machine is shared, so the append figures are best read against it.
 */
function rawCommitBaseline(dir: string): BenchFigure {
  const db = new Database(path.join(dir, 'baseline.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const commitOne = db.transaction((body: string) => insert.run(body));
    const body = JSON.stringify(sampleEvent(0));
    let count = 0;
    const started = process.hrtime.bigint();
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      commitOne(body);
      count++;
    }
    return { value: count / seconds(started), unit: 'tx/s', better: 'higher', note: 'bare SQLite, one row per transaction, WAL + synchronous=FULL' };
  } finally {
    db.close();
  }
}

async function appendSequential(store: SqliteEventStore): Promise<BenchFigure> {
  const stream = `complaint-${uuidv7()}`;
  let revision: number | 'no_stream' = 'no_stream';
  let count = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + SEQ_SECONDS * 1000;
  while (Date.now() < until) {
    const result = await store.append(stream, [sampleEvent(count)], { expectedRevision: revision });
    revision = result.nextRevision;
    count++;
  }
  const eps = count / seconds(started);
  return { value: eps, unit: 'events/s', budget: 3000, better: 'higher', note: 'one writer, one event per append, each awaited (one fsync each)' };
}

async function appendConcurrent(store: SqliteEventStore): Promise<BenchFigure> {
  let count = 0;
  const until = Date.now() + CONCURRENT_SECONDS * 1000;
  const started = process.hrtime.bigint();
  const commitsBefore = store.stats.commits;
  await Promise.all(
    Array.from({ length: CONCURRENT_WRITERS }, async () => {
      const stream = `callback-${uuidv7()}`;
      let revision: number | 'no_stream' = 'no_stream';
      while (Date.now() < until) {
        const result = await store.append(stream, [sampleEvent(count)], { expectedRevision: revision });
        revision = result.nextRevision;
        count++;
      }
    }),
  );
  const eps = count / seconds(started);
  const commits = store.stats.commits - commitsBefore;
  return {
    value: eps,
    unit: 'events/s',
    budget: 20000,
    better: 'higher',
    note: `${CONCURRENT_WRITERS} writers, own streams, revision checked; group commit: ${(count / commits).toFixed(1)} appends/fsync`,
  };
}

/** Grows the log with 100-event appends from 16 writers: fast, and not what is measured. */
async function fillTo(store: SqliteEventStore, size: number): Promise<void> {
  let head = await store.headPosition();
  while (head < size) {
    const writers = Math.min(16, Math.ceil((size - head) / 100));
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        store.append(
          `${w % 2 === 0 ? 'complaint' : 'visit'}-${uuidv7()}`,
          Array.from({ length: 100 }, (_, i) => sampleEvent(i)),
          { expectedRevision: 'no_stream' },
        ),
      ),
    );
    head = await store.headPosition();
  }
}

async function readAll(store: SqliteEventStore): Promise<BenchFigure> {
  let count = 0;
  let passes = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + READ_SECONDS * 1000;
  while (Date.now() < until) {
    for await (const event of store.readAll()) {
      if (event.position > 0) count++;
    }
    passes++;
  }
  const eps = count / seconds(started);
  return { value: eps, unit: 'events/s', budget: 120000, better: 'higher', note: `${passes} full pass(es) over ${LOG_SIZE.toLocaleString('en-US')} events, parsed` };
}

async function subscribeCatchUp(store: SqliteEventStore): Promise<BenchFigure> {
  const head = await store.headPosition();
  const subscription = store.subscribe({ from: 0, batchSize: 1000 });
  let count = 0;
  const started = process.hrtime.bigint();
  for await (const batch of subscription.batches()) {
    count += batch.length;
    if (batch[batch.length - 1].position >= head) break;
  }
  const eps = count / seconds(started);
  return { value: eps, unit: 'events/s', better: 'higher', note: `batches of 1000 from 0 to the head at ${count.toLocaleString('en-US')} events` };
}

const ACTOR = { id: '0199a4c2-7d1e-7000-8000-000000000001', role: 'service_advisor' as const, dealerId: 'dealer-berlin-01' };

/** A realistic envelope; only the event id is fresh, so the figures measure the store rather than id generation. */
function sampleEvent(n: number): NewEvent {
  const eventId = uuidv7();
  const now = new Date().toISOString();
  return {
    type: n % 3 === 0 ? 'ComplaintFiled' : n % 3 === 1 ? 'CallbackScheduled' : 'VisitRecorded',
    data: {
      complaintId: eventId,
      customerId: ACTOR.id,
      vin: 'WVWZZZ1JZXW000001',
      category: 'noise',
      description: 'Rattle from the front left door above 80 km/h, customer asks for a courtesy car.',
      n,
    },
    metadata: {
      eventId,
      schemaVersion: 1,
      occurredAt: now,
      recordedAt: now,
      actor: ACTOR,
      dealerId: ACTOR.dealerId,
      correlationId: eventId,
      causationId: null,
    },
  };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
