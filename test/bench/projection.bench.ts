/**
 * projection_eps: how fast a projection catches up on sqlite, from a log of
 * pre-appended events, with three read-store writes per event (an upsert with
 * $set, an $inc on a per-dealer counter, an insert), as the issue budgets it.
 *   BENCH_PROJECTION_EVENTS=50000 npm run bench -- projection
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SYSTEM_ACTOR, uuidv7, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { defineProjection, ProjectionRunner, silentRunnerLogger } from '@aftercare/projections';
import type { BenchSuite } from './bench-suite';

const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 200_000);
const EVENTS_PER_APPEND = 100;
const CUSTOMERS = 20_000;
const DEALERS = 50;
const BUDGET_EPS = 30_000;

const visitBoard = defineProjection({
  name: 'bench_visit_board',
  version: 1,
  collections: {
    bench_customer_visits: [{ fields: { dealerId: 1, lastVisitAt: -1 } }],
    bench_dealer_counters: [],
    bench_visit_log: [{ fields: { customerId: 1 } }],
  },
  handlers: {
    VisitRecorded: async (event, ctx) => {
      const d = event.data as { customerId: string; dealerId: string; amount: number; odometerKm: number };
      await ctx
        .collection('bench_customer_visits')
        .updateOne(
          { _id: d.customerId },
          { $set: { dealerId: d.dealerId, lastVisitAt: event.metadata.occurredAt, odometerKm: d.odometerKm } },
          { upsert: true },
        );
      await ctx.collection('bench_dealer_counters').updateOne({ _id: d.dealerId }, { $inc: { visits: 1, spend: d.amount } }, { upsert: true });
      await ctx.collection('bench_visit_log').insertOne({ _id: event.metadata.eventId, customerId: d.customerId, amount: d.amount });
    },
  },
});

function visit(i: number): NewEvent {
  const customer = i % CUSTOMERS;
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    type: 'VisitRecorded',
    data: { customerId: `c${customer}`, dealerId: `d${customer % DEALERS}`, amount: 100 + (i % 900), odometerKm: 1000 + i, advisorId: 'a1', type: 'maintenance' },
    metadata: {
      eventId: uuidv7(),
      schemaVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: SYSTEM_ACTOR,
      dealerId: `d${customer % DEALERS}`,
      correlationId: uuidv7(),
      causationId: null,
    },
  };
}

export const suite: BenchSuite = {
  name: 'projection',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-projection-'));
    const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    const readStore = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    try {
      for (let i = 0; i < EVENTS; i += EVENTS_PER_APPEND) {
        const events = Array.from({ length: Math.min(EVENTS_PER_APPEND, EVENTS - i) }, (_, k) => visit(i + k));
        await eventStore.append(`vehicle-${i / EVENTS_PER_APPEND}`, events, { expectedRevision: 'no_stream' });
      }
      const head = await eventStore.headPosition();

      const runner = new ProjectionRunner({ eventStore, readStore, projections: [visitBoard], logger: silentRunnerLogger, controlPollMs: 0 });
      const started = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      await runner.start();
      await runner.waitForCatchUp(head, { timeoutMs: 30 * 60_000 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // CPU time beside wall time: on a shared machine the wall figure mostly measures the neighbours.
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      await runner.stop();

      const counters = await readStore.collection('bench_dealer_counters_v1').find({});
      const counted = counters.reduce((sum, d) => sum + (d.visits as number), 0);
      const logged = await readStore.collection('bench_visit_log_v1').count();
      if (counted !== EVENTS || logged !== EVENTS) throw new Error(`projection applied ${counted} visits and logged ${logged}, expected ${EVENTS}`);

      return {
        projection_eps: {
          value: EVENTS / seconds,
          unit: 'events/s',
          budget: BUDGET_EPS,
          better: 'higher',
          note: `catch-up of ${EVENTS.toLocaleString('en-US')} events, 3 writes each, sqlite: ${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s CPU (${Math.round(EVENTS / cpuSeconds).toLocaleString('en-US')} events per CPU-second)`,
        },
      };
    } finally {
      await readStore.close();
      await eventStore.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
