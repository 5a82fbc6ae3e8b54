/**
 * The callback queue and the care scheduler (issue "Callbacks and care schedule").
 *
 * callback_queue_query_p99_ms: GET /callbacks/queue's query (CallbackQueueQuery,
 *   scope, filter, keyset page of 50) over 200,000 callbacks of 20 dealers. The
 *   read model is built by running the `callbacks` projection's handlers over
 *   generated CallbackScheduled / Claimed / AttemptRecorded / Completed events
 *   (in read-store transactions, as the projection runner would), not through
 *   the event store, to keep the bench short.
 * callback_schedule_eps: visits per second the scheduler reaction
 *   (schedule-callbacks-when-care-facts-change) keeps up with, catching up on
 *   pre-appended VisitRecorded events through the real ReactionRunner,
 *   CommandRunner and SQLite event store: each visit plans a post-service call
 *   and 6 lapsed calls, withdraws the 6 of the previous visit, moves forecasts.
 *
 *   BENCH_CALLBACKS=200000 BENCH_CALLBACK_VISITS=20000 npm run bench -- callbacks
 *   BENCH_CALLBACK_ONLY=schedule (or queue) runs one half.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addDays, FixedClock, SYSTEM_ACTOR, uuidv7, type CallbackType, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { physicalCollectionName, ReactionRunner, ReadModels, silentRunnerLogger, type ProjectionContext } from '@aftercare/projections';
import { CommandRunner, ScopeService, type DealerDirectory, type Principal } from '@aftercare/platform';
import { callbackQueueProjection } from '../../libs/callbacks/src/read-models/callback-queue/callback-queue.projection';
import { CallbackQueueQuery } from '../../libs/callbacks/src/read-models/callback-queue/callback-queue.query';
import { scheduleCallbacksWhenCareFactsChange } from '../../libs/callbacks/src/schedule-callbacks-when-care-facts-change/schedule-callbacks-when-care-facts-change.reaction';
import { percentile, type BenchFigure, type BenchSuite } from './bench-suite';

const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 200_000);
const DEALERS = 20;
const QUERIES = Number(process.env.BENCH_CALLBACK_QUERIES ?? 2_000);
const VISITS = Number(process.env.BENCH_CALLBACK_VISITS ?? 20_000);
const VISITS_PER_CUSTOMER = 5;
const NOW = '2026-06-01T09:00:00.000Z';
const TYPES: CallbackType[] = ['post_service', 'lapsed', 'birthday', 'holiday', 'insurance_renewal', 'warranty_expiry', 'complaint_follow_up', 'sales_follow_up'];

function envelope(type: string, data: Record<string, unknown>, at: string, position: number, streamId: string): RecordedEvent {
  return {
    type,
    data,
    streamId,
    revision: 0,
    position,
    metadata: {
      eventId: uuidv7(), schemaVersion: 1, occurredAt: at, recordedAt: at, actor: SYSTEM_ACTOR, dealerId: String(data.dealerId ?? ''),
      correlationId: 'bench', causationId: null,
    },
  };
}

/** 200,000 callbacks of 20 dealers: due from 60 days before NOW to 60 after; a third already worked. */
async function buildQueue(store: SqliteReadStore): Promise<void> {
  const ctx: ProjectionContext = { collection: (name) => store.collection(physicalCollectionName(name, callbackQueueProjection.version, 0)) };
  for (const [logical, indexes] of Object.entries(callbackQueueProjection.collections)) {
    const collection = ctx.collection(logical);
    for (const index of indexes) await collection.createIndex(index);
  }
  const handlers = callbackQueueProjection.handlers;
  let position = 0;
  const BATCH = 5_000;
  for (let start = 0; start < CALLBACKS; start += BATCH) {
    await store.transaction(async () => {
      for (let i = start; i < Math.min(CALLBACKS, start + BATCH); i++) {
        const id = `cb-${i}`;
        const dealerId = `D${i % DEALERS}`;
        const dueAt = addDays(NOW, ((i * 7919) % 120_000) / 1000 - 60);
        const type = TYPES[i % TYPES.length];
        const stream = `callback-${id}`;
        await handlers.CallbackScheduled(
          envelope('CallbackScheduled', {
            callbackId: id, dealerId, customerId: `c-${i % 40_000}`, vin: null, type, dueAt, latestAt: null,
            priority: type === 'complaint_follow_up' ? 'urgent' : i % 11 === 0 ? 'high' : 'normal', rule: 'R-CB-1',
            assigneeId: i % 13 === 0 ? `sa-${i % 5}` : null, advisorId: `sa-${i % 5}`, subject: {}, notes: null, causationEventId: null, postponedFrom: null,
          }, NOW, ++position, stream),
          ctx,
        );
        if (i % 3 === 0) {
          const agentId = `agent-${i % 8}`;
          await handlers.CallbackClaimed(envelope('CallbackClaimed', { callbackId: id, agentId, claimedAt: NOW }, NOW, ++position, stream), ctx);
          if (i % 2 === 0) {
            await handlers.CallbackAttemptRecorded(
              envelope('CallbackAttemptRecorded', {
                callbackId: id, customerId: `c-${i}`, attemptNo: 1, agentId, attemptedAt: NOW, reached: true, satisfaction: 1 + (i % 5), feedback: null,
                notes: null, csi: { service_quality: 1 + (i % 10) }, complaint: null,
              }, NOW, ++position, stream),
              ctx,
            );
            await handlers.CallbackCompleted(
              envelope('CallbackCompleted', { callbackId: id, customerId: `c-${i}`, type, agentId, completedAt: NOW, satisfaction: 1 + (i % 5), feedback: null }, NOW, ++position, stream),
              ctx,
            );
          }
        }
      }
    });
  }
}

async function queueQueryP99(dir: string): Promise<Record<string, BenchFigure>> {
  const file = path.join(dir, 'read.sqlite');
  const writer = new SqliteReadStore({ file });
  const built = Date.now();
  await buildQueue(writer);
  const buildSeconds = (Date.now() - built) / 1000;
  await writer.close();
  const reader = new SqliteReadStore({ file });
  const directory: DealerDirectory = { regionOf: async () => 'east', dealersInRegion: async () => Array.from({ length: DEALERS }, (_, i) => `D${i}`) };
  const query = new CallbackQueueQuery(new ReadModels({ readStore: reader, projections: [callbackQueueProjection] }), new ScopeService(directory), new FixedClock(NOW));
  const samples: number[] = [];
  try {
    for (let q = 0; q < QUERIES + 100; q++) {
      const dealerId = `D${q % DEALERS}`;
      const caller: Principal = { sub: `agent-${q % 8}`, role: 'callback_agent', dealerId, region: null, exp: null };
      const variant = q % 4;
      const started = process.hrtime.bigint();
      if (variant === 0) await query.queue(caller, {});
      else if (variant === 1) await query.queue(caller, { agentId: `agent-${q % 8}` });
      else if (variant === 2) await query.queue(caller, { type: TYPES[q % TYPES.length], asOf: addDays(NOW, 30) });
      else {
        const first = await query.queue(caller, { limit: 50 });
        await query.queue(caller, { limit: 50, cursor: first.nextCursor });
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (q >= 100) samples.push(variant === 3 ? ms / 2 : ms); // the first 100 warm the caches
    }
  } finally {
    await reader.close();
  }
  return {
    callback_queue_query_p99_ms: {
      value: percentile(samples, 99),
      unit: 'ms',
      budget: 15,
      better: 'lower',
      note: `${CALLBACKS.toLocaleString('en-US')} callbacks, ${DEALERS} dealers, pages of 50 (plain, agentId, type+asOf, cursor); p50 ${percentile(samples, 50).toFixed(2)} ms; read model built by the projection's handlers in ${buildSeconds.toFixed(0)} s`,
    },
  };
}

/** Customers with a vehicle each, then VISITS visits spread over them in time order. */
function careHistory(): { setup: [string, NewEvent][]; visits: [string, NewEvent][] } {
  const customers = Math.max(1, Math.floor(VISITS / VISITS_PER_CUSTOMER));
  const setup: [string, NewEvent][] = [];
  const newEvent = (type: string, data: Record<string, unknown>, at: string): NewEvent => ({
    type,
    data,
    metadata: {
      eventId: uuidv7(), schemaVersion: 1, occurredAt: at, recordedAt: at, actor: { id: 'sa-li', role: 'service_advisor', dealerId: String(data.dealerId) },
      dealerId: String(data.dealerId), correlationId: uuidv7(), causationId: null,
    },
  });
  for (let c = 0; c < customers; c++) {
    const dealerId = `D${c % DEALERS}`;
    const vin = `LBENCH${String(c).padStart(11, '0')}`;
    const at = '2025-01-02T09:00:00.000Z';
    setup.push([`customer-c${c}`, newEvent('CustomerRegistered', { customerId: `c${c}`, dealerId, name: 'bench', phone: '13800000000', birthDate: `19${70 + (c % 30)}-0${1 + (c % 9)}-1${c % 9}` }, at)]);
    setup.push([
      `vehicle-${vin}`,
      newEvent('VehicleRegistered', {
        vin, customerId: `c${c}`, dealerId, plate: 'x', model: 'Lavida', purchaseDate: '2025-01-01T00:00:00.000Z', deliveredAt: '2025-01-01T00:00:00.000Z',
        warrantyMonths: 24, warrantyKm: 40_000, warrantyEndsAt: '2027-01-01T00:00:00.000Z', insuranceExpiry: '2026-01-01T00:00:00.000Z',
        firstServiceDueAt: '2025-07-01T00:00:00.000Z', vinCheckDigitValid: false,
      }, at),
    ]);
  }
  const visits: [string, NewEvent][] = [];
  for (let i = 0; i < VISITS; i++) {
    const c = i % customers;
    const round = Math.floor(i / customers);
    const at = new Date(Date.parse('2025-02-01T00:00:00.000Z') + round * 60 * 86_400_000 + c * 1_000).toISOString();
    const vin = `LBENCH${String(c).padStart(11, '0')}`;
    visits.push([
      `vehicle-${vin}`,
      newEvent('VisitRecorded', {
        visitId: uuidv7(), vin, customerId: `c${c}`, dealerId: `D${c % DEALERS}`, occurredAt: at, recordedAt: at, odometerKm: 2_000 + round * 2_500,
        type: round === 0 ? 'first_service' : 'periodic_maintenance', amount: 500, customerPaid: round !== 0, advisorId: `sa-${c % 5}`, lateFile: false,
      }, at),
    ]);
  }
  return { setup, visits };
}

async function appendAll(store: SqliteEventStore, events: [string, NewEvent][]): Promise<void> {
  // Concurrent appends of one tick share a commit; a stream's events keep their order within a chunk.
  const CHUNK = 500;
  for (let i = 0; i < events.length; i += CHUNK) {
    const byStream = new Map<string, NewEvent[]>();
    for (const [stream, e] of events.slice(i, i + CHUNK)) {
      let list = byStream.get(stream);
      if (!list) byStream.set(stream, (list = []));
      list.push(e);
    }
    await Promise.all([...byStream].map(([stream, list]) => store.append(stream, list, { expectedRevision: 'any' })));
  }
}

async function scheduleEps(dir: string): Promise<Record<string, BenchFigure>> {
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), pollIntervalMs: 5 });
  const readStore = new SqliteReadStore({ file: path.join(dir, 'reactions.sqlite') });
  const clock = new FixedClock('2027-06-01T00:00:00.000Z');
  const reaction = () => scheduleCallbacksWhenCareFactsChange({ eventStore, runner: new CommandRunner(eventStore, clock), clock });
  const { setup, visits } = careHistory();
  try {
    await appendAll(eventStore, setup);
    // The customers' registrations and deliveries are planned first, unmeasured.
    // One scheduler for both runs, as in a host that keeps running: what it planned for the
    // deliveries it still knows (BENCH_CALLBACK_COLD=1: a fresh one, reading every plan once).
    const warm = reaction();
    let runner = new ReactionRunner({ eventStore, readStore, reactions: [warm], clock, logger: silentRunnerLogger });
    await runner.start();
    await runner.waitForCatchUp(undefined, { timeoutMs: 600_000 });
    await runner.stop();

    await appendAll(eventStore, visits);
    const head = await eventStore.headPosition();
    const before = eventStore.stats;
    const cold = process.env.BENCH_CALLBACK_COLD === '1';
    runner = new ReactionRunner({ eventStore, readStore, reactions: [cold ? reaction() : warm], clock, logger: silentRunnerLogger });
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await runner.start();
    await runner.waitForCatchUp(head, { timeoutMs: 600_000 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const after = eventStore.stats;
    await runner.stop();
    const written = (await eventStore.headPosition()) - head;
    return {
      callback_schedule_eps: {
        value: VISITS / seconds,
        unit: 'visits/s',
        budget: 5_000,
        better: 'higher',
        note: `catch-up over ${VISITS.toLocaleString('en-US')} visits (${VISITS_PER_CUSTOMER} per customer) in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU, ${(VISITS / cpuSeconds).toFixed(0)} visits per CPU-second), ${cold ? 'a fresh scheduler' : 'the scheduler that planned the deliveries'}; ${written.toLocaleString('en-US')} events appended in ${after.commits - before.commits} commits, sqlite, ReactionRunner`,
      },
    };
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}

export const suite: BenchSuite = {
  name: 'callbacks',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-callbacks-'));
    try {
      // BENCH_CALLBACK_ONLY=schedule|queue runs one half (for profiling).
      const only = process.env.BENCH_CALLBACK_ONLY;
      const schedule = only === 'queue' ? {} : await scheduleEps(dir);
      const queue = only === 'schedule' ? {} : await queueQueryP99(dir);
      return { ...queue, ...schedule };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
