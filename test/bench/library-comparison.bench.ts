/**
 * Aftercare's embedded event store beside a widely used TypeScript event-sourcing
 * library on SQLite, Emmett (@event-driven-io/emmett-sqlite 0.38.5, on the
 * `sqlite3` driver), in the same process invocation, on the same workload and
 * the same durability (both files in WAL mode with synchronous=FULL, SQLite's
 * default, which Emmett keeps):
 *
 *   1. single appends with an expected revision: one writer, one event per
 *      append, each awaited, round-robin over 100 streams;
 *   2. reads of a whole stream (50 events) chosen at random;
 *   3. catch-up of all events from the start, in batches of 1,000.
 *
 * Emmett is driven through its exported functions on one long-lived connection
 * (`appendToStream`, `readStream`, `readMessagesBatch`); its `getSQLiteEventStore`
 * facade opens and closes a connection per call for a file database, which is
 * measured separately for appends (`emmett_store_facade_append_eps`).
 * Ratios are Aftercare ÷ Emmett: above 1 means Aftercare is faster.
 * Sized by BENCH_COMPARE_APPENDS (default 2,000) and BENCH_COMPARE_EVENTS (50,000).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { uuidv7, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { appendToStream, createEventStoreSchema, getSQLiteEventStore, readMessagesBatch, readStream, sqliteConnection, type SQLiteConnection } from '@event-driven-io/emmett-sqlite';
import { percentile, type BenchFigure, type BenchSuite } from './bench-suite';

const APPENDS = Number(process.env.BENCH_COMPARE_APPENDS ?? 2_000);
const EVENTS = Number(process.env.BENCH_COMPARE_EVENTS ?? 50_000);
const STREAMS_FOR_APPENDS = 100;
const STREAM_LENGTH = 50;
const STREAM_READS = 2_000;
const CATCH_UP_BATCH = 1_000;

export const suite: BenchSuite = {
  name: 'library-comparison',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-compare-'));
    const ours = new SqliteEventStore({ file: path.join(dir, 'aftercare.sqlite') });
    const emmettFile = path.join(dir, 'emmett.sqlite');
    const emmett = sqliteConnection({ fileName: emmettFile });
    try {
      await emmett.command('PRAGMA journal_mode = WAL');
      await emmett.command('PRAGMA synchronous = FULL');
      await createEventStoreSchema(emmett);
      // Schema creation happens on the first append of each; warm both up.
      await ours.append(`warmup-${uuidv7()}`, [sampleEvent(0)], { expectedRevision: 'no_stream' });
      await appendToStream(emmett, `warmup-${uuidv7()}`, 'warmup', [emmettEvent(0)], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });

      const oursAppend = await appendAftercare(ours);
      const emmettAppend = await appendEmmett(emmett);
      const facadeAppend = await appendEmmettFacade(emmettFile);

      const oursStreams = await fillAftercare(ours);
      const emmettStreams = await fillEmmett(emmett);
      const oursRead = await timeReads((i) => ours.readStream(oursStreams[i % oursStreams.length]).then((e) => e.length));
      const emmettRead = await timeReads((i) => readStream(emmett, emmettStreams[i % emmettStreams.length]).then((r) => r.events.length));

      const oursCatchUp = await catchUpAftercare(ours);
      const emmettCatchUp = await catchUpEmmett(emmett);

      const ratio = (a: number, b: number) => a / b;
      const figures: Record<string, BenchFigure> = {
        compare_append_eps_aftercare: { value: oursAppend, unit: 'events/s', better: 'higher', note: `${APPENDS} awaited single-event appends with expected revision over ${STREAMS_FOR_APPENDS} streams` },
        compare_append_eps_emmett: { value: emmettAppend, unit: 'events/s', better: 'higher', note: 'same workload, Emmett appendToStream on one connection' },
        emmett_store_facade_append_eps: { value: facadeAppend, unit: 'events/s', better: 'higher', note: 'Emmett getSQLiteEventStore().appendToStream (a connection per call), a quarter of the appends' },
        compare_append_ratio: { value: ratio(oursAppend, emmettAppend), unit: 'x', better: 'higher', note: 'Aftercare ÷ Emmett, single appends with expected revision' },
        compare_stream_read_p99_ms_aftercare: { value: oursRead.p99, unit: 'ms', better: 'lower', note: `${STREAM_READS} reads of ${STREAM_LENGTH}-event streams; ${Math.round(oursRead.rps)} reads/s` },
        compare_stream_read_p99_ms_emmett: { value: emmettRead.p99, unit: 'ms', better: 'lower', note: `same; ${Math.round(emmettRead.rps)} reads/s` },
        compare_stream_read_ratio: { value: ratio(oursRead.rps, emmettRead.rps), unit: 'x', better: 'higher', note: 'Aftercare ÷ Emmett, whole-stream reads per second' },
        compare_catchup_eps_aftercare: { value: oursCatchUp, unit: 'events/s', better: 'higher', note: `all ${EVENTS.toLocaleString('en-US')} events from the start, batches of ${CATCH_UP_BATCH} (subscribe().batches())` },
        compare_catchup_eps_emmett: { value: emmettCatchUp, unit: 'events/s', better: 'higher', note: 'same, readMessagesBatch({ after, batchSize })' },
        compare_catchup_ratio: { value: ratio(oursCatchUp, emmettCatchUp), unit: 'x', better: 'higher', note: 'Aftercare ÷ Emmett, catch-up of all events' },
      };
      return figures;
    } finally {
      await ours.close();
      emmett.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function appendAftercare(store: SqliteEventStore): Promise<number> {
  const streams = Array.from({ length: STREAMS_FOR_APPENDS }, () => ({ id: `complaint-${uuidv7()}`, revision: 'no_stream' as number | 'no_stream' }));
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) {
    const s = streams[i % streams.length];
    const result = await store.append(s.id, [sampleEvent(i)], { expectedRevision: s.revision });
    s.revision = result.nextRevision;
  }
  return APPENDS / seconds(started);
}

async function appendEmmett(connection: SQLiteConnection): Promise<number> {
  const streams = Array.from({ length: STREAMS_FOR_APPENDS }, () => ({ id: `complaint-${uuidv7()}`, version: STREAM_DOES_NOT_EXIST as bigint | typeof STREAM_DOES_NOT_EXIST }));
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) {
    const s = streams[i % streams.length];
    const result = await appendToStream(connection, s.id, 'complaint', [emmettEvent(i)], { expectedStreamVersion: s.version });
    if (!result.success) throw new Error(`emmett append refused at ${i}`);
    s.version = result.nextStreamPosition;
  }
  return APPENDS / seconds(started);
}

async function appendEmmettFacade(fileName: string): Promise<number> {
  const store = getSQLiteEventStore({ fileName });
  const n = Math.max(100, Math.floor(APPENDS / 4));
  const streams = Array.from({ length: STREAMS_FOR_APPENDS }, () => ({ id: `complaint-${uuidv7()}`, version: STREAM_DOES_NOT_EXIST as bigint | typeof STREAM_DOES_NOT_EXIST }));
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = streams[i % streams.length];
    const result = await store.appendToStream(s.id, [emmettEvent(i)], { expectedStreamVersion: s.version });
    s.version = result.nextExpectedStreamVersion;
  }
  return n / seconds(started);
}

/** The catch-up log: EVENTS events in streams of STREAM_LENGTH, appended a stream at a time (untimed). */
async function fillAftercare(store: SqliteEventStore): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < EVENTS; n += STREAM_LENGTH) {
    const id = `customer-${uuidv7()}`;
    ids.push(id);
    await store.append(id, Array.from({ length: STREAM_LENGTH }, (_, i) => sampleEvent(n + i)), { expectedRevision: 'no_stream' });
  }
  return ids;
}

async function fillEmmett(connection: SQLiteConnection): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < EVENTS; n += STREAM_LENGTH) {
    const id = `customer-${uuidv7()}`;
    ids.push(id);
    const result = await appendToStream(connection, id, 'customer', Array.from({ length: STREAM_LENGTH }, (_, i) => emmettEvent(n + i)), { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    if (!result.success) throw new Error('emmett fill refused');
  }
  return ids;
}

async function timeReads(read: (i: number) => Promise<number>): Promise<{ p99: number; rps: number }> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < STREAM_READS; i++) {
    const t0 = process.hrtime.bigint();
    const n = await read((i * 7919) % 1_000_003);
    if (n < STREAM_LENGTH) throw new Error(`short stream read: ${n}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { p99: percentile(latencies, 99), rps: STREAM_READS / seconds(started) };
}

async function catchUpAftercare(store: SqliteEventStore): Promise<number> {
  const head = await store.headPosition();
  const subscription = store.subscribe({ from: 0, batchSize: CATCH_UP_BATCH });
  let count = 0;
  const started = process.hrtime.bigint();
  try {
    for await (const batch of subscription.batches()) {
      count += batch.length;
      if (batch[batch.length - 1].position >= head) break;
    }
  } finally {
    await subscription.close();
  }
  return count / seconds(started);
}

async function catchUpEmmett(connection: SQLiteConnection): Promise<number> {
  let after = 0n;
  let count = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const batch = await readMessagesBatch(connection, { after, batchSize: CATCH_UP_BATCH });
    count += batch.messages.length;
    if (!batch.messages.length) break;
    after = batch.messages[batch.messages.length - 1].metadata.globalPosition;
    if (!batch.areEventsLeft) break;
  }
  return count / seconds(started);
}

const ACTOR = { id: '0199a4c2-7d1e-7000-8000-000000000001', role: 'service_advisor' as const, dealerId: 'D01' };
const DATA = (eventId: string, n: number) => ({
  complaintId: eventId, customerId: ACTOR.id, vin: 'LSVAU2180N2183294', category: 'noise',
  description: 'Rattle from the front left door above 80 km/h, customer asks for a courtesy car.', n,
});

/** The same payload and envelope for both stores. */
function sampleEvent(n: number): NewEvent {
  const eventId = uuidv7();
  const now = new Date().toISOString();
  return {
    type: 'VisitRecorded',
    data: DATA(eventId, n),
    metadata: { eventId, schemaVersion: 1, occurredAt: now, recordedAt: now, actor: ACTOR, dealerId: ACTOR.dealerId, correlationId: eventId, causationId: null },
  };
}

function emmettEvent(n: number) {
  const e = sampleEvent(n);
  return { type: e.type, data: e.data, metadata: e.metadata };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
