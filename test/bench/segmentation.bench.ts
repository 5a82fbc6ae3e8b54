/**
 * Segmentation (issue #7):
 *   segment_query_p99_ms   one page (50) of GET /segments/{segment}/customers with
 *                          100,000 customers in the read store: the query service on the
 *                          sqlite read store, loyal/churned/vip, dealer/network/region
 *                          scope, now and past asOf (R-SG-2).
 *   segment_evaluate_cps   customers evaluated per second by the daily R-SG-1 run (the
 *                          SegmentEvaluator over the same 100,000 customers, yesterday's
 *                          segments already published, today's changes appended to a
 *                          sqlite event store).
 * The read store is seeded through the projections' own handlers (synthetic events,
 * no HTTP): what is measured is the query and the evaluation.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, MS_PER_DAY, uuidv7, type RecordedEvent } from '@aftercare/kernel';
import { SqliteReadStore } from '@aftercare/read-store';
import { SqliteEventStore } from '@aftercare/event-store';
import { physicalCollectionName, ReadModels, type ProjectionContext, type ProjectionDefinition } from '@aftercare/projections';
import { ScopeService, type Principal } from '@aftercare/platform';
import { customerSegmentsProjection } from '../../libs/segmentation/src/read-models/customer-segments/customer-segments.projection';
import { CustomerSegmentsQuery } from '../../libs/segmentation/src/read-models/customer-segments/customer-segments.query';
import { CUSTOMER_SEGMENTS, CustomerSegmentsDoc, SEGMENT_FACTS, SegmentFactsDoc } from '../../libs/segmentation/src/read-models/customer-segments/customer-segments.document';
import { SegmentEvaluator } from '../../libs/segmentation/src/evaluate-segments/segment-evaluator';
import { decideSegmentChange, segmentDiffers } from '../../libs/segmentation/src/domain/segment-change.decision';
import { changeAt } from '../../libs/segmentation/src/domain/segment-timeline';
import { percentile, type BenchFigure, type BenchSuite } from './bench-suite';

const CUSTOMERS = Number(process.env.BENCH_SEGMENT_CUSTOMERS ?? 100_000);
const DEALERS = 10;
const QUERIES = 3000;
const NOW = Date.parse('2026-06-30T09:00:00.000Z');

export const suite: BenchSuite = {
  name: 'segmentation',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-segments-'));
    try {
      const file = path.join(dir, 'read-models.sqlite');
      const seeded = await seed(file);
      return {
        segment_query_p99_ms: await segmentQuery(file, seeded),
        segment_evaluate_cps: await evaluate(dir, file),
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

function ctxOf(store: SqliteReadStore, projection: ProjectionDefinition): ProjectionContext {
  return { collection: (logical) => store.collection(physicalCollectionName(logical, projection.version, 0)) };
}

/**
 * 100,000 customers over 10 dealers, registered over the last three years: each
 * with one or two vehicles (some priced for VIP), services every 4–9 months from
 * delivery up to a random stop (many lapse), a few missed appointments and
 * referrals. Then yesterday's segments are published (the projection's
 * CustomerSegmentChanged handler), as the previous daily run would have.
 */
export async function seed(file: string): Promise<{ memberships: number }> {
  const store = new SqliteReadStore({ file });
  const segCtx = ctxOf(store, customerSegmentsProjection);
  for (const [logical, indexes] of Object.entries(customerSegmentsProjection.collections)) for (const index of indexes) await segCtx.collection(logical).createIndex(index);
  let position = 0;
  let random = 7;
  const rand = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const batch: RecordedEvent[] = [];
  const event = (type: string, streamId: string, at: number, dealerId: string, data: Record<string, unknown>): void => {
    batch.push({
      type, data, streamId, revision: 0, position: ++position,
      metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt: iso(at), recordedAt: iso(at), actor: { id: 'sa', role: 'service_advisor', dealerId }, dealerId, correlationId: 'c', causationId: null },
    });
  };
  const flush = async () => {
    await store.transaction(async () => {
      for (const e of batch) await customerSegmentsProjection.handlers[e.type](e, segCtx);
    });
    batch.length = 0;
  };
  for (let n = 0; n < CUSTOMERS; n++) {
    const customerId = uuidv7();
    const dealerId = `D${n % DEALERS}`;
    const registered = NOW - (30 + rand() * 3 * 365) * MS_PER_DAY;
    event('CustomerRegistered', `customer-${customerId}`, registered, dealerId, { customerId, dealerId, name: `客户${n}`, phone: '13800138000' });
    const vehicles = rand() < 0.08 ? 2 : 1;
    for (let v = 0; v < vehicles; v++) {
      const vin = `LSVB${String(n).padStart(8, '0')}${v}0000`.slice(0, 17);
      const delivered = registered + v * 200 * MS_PER_DAY;
      if (delivered > NOW) continue;
      const price = rand() < 0.03 ? 550_000 : 150_000 + Math.round(rand() * 150_000);
      event('VehicleRegistered', `vehicle-${vin}`, delivered, dealerId, { customerId, dealerId, vin, deliveredAt: iso(delivered), purchaseDate: iso(delivered), price });
      const stop = delivered + rand() * (NOW - delivered) * 1.3;
      const every = (4 + rand() * 5) * 30 * MS_PER_DAY;
      let km = 0;
      for (let t = delivered + every, i = 0; t < Math.min(stop, NOW); t += every, i++) {
        km += 4000 + Math.round(rand() * 6000);
        const type = i === 0 ? 'first_service' : rand() < 0.8 ? 'periodic_maintenance' : 'minor_repair';
        event('VisitRecorded', `vehicle-${vin}`, t, dealerId, {
          visitId: uuidv7(), vin, customerId, dealerId, occurredAt: iso(t), recordedAt: iso(t), odometerKm: km, type,
          amount: type === 'first_service' ? 0 : 600 + Math.round(rand() * 3000), customerPaid: type !== 'first_service', advisorId: `sa-${n % 7}`, lateFile: false,
        });
      }
    }
    if (rand() < 0.05) {
      const appointmentId = uuidv7();
      const at = NOW - rand() * 300 * MS_PER_DAY;
      event('AppointmentBooked', `appointment-${appointmentId}`, at, dealerId, { appointmentId, customerId, dealerId, scheduledFor: iso(at + 7 * MS_PER_DAY), purpose: 'service', bookedAt: iso(at) });
      event('AppointmentMissed', `appointment-${appointmentId}`, Math.min(NOW, at + 7 * MS_PER_DAY), dealerId, { appointmentId, customerId, excuse: rand() < 0.5 ? 'traffic' : null });
    }
    if (rand() < 0.05) event('ReferralRecorded', `customer-${customerId}`, registered + rand() * (NOW - registered), dealerId, { customerId, referredCustomerId: uuidv7() });
    if (batch.length >= 2000) await flush();
  }
  await flush();

  // Yesterday's run: what was published then.
  const yesterday = iso(NOW - MS_PER_DAY);
  const customers = segCtx.collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS);
  const docs = await customers.find({});
  for (let i = 0; i < docs.length; i += 2000) {
    await store.transaction(async () => {
      for (const doc of docs.slice(i, i + 2000)) {
        if (!segmentDiffers(changeAt(doc.points, yesterday), null)) continue;
        const factsDoc = await segCtx.collection<SegmentFactsDoc>(SEGMENT_FACTS).findOne({ _id: doc._id });
        const change = decideSegmentChange(doc, changeAt(factsDoc!.changes, yesterday), null, doc.ruleSetVersion)!;
        event('CustomerSegmentChanged', `segment-${doc.customerId}`, Date.parse(change.data.since), doc.dealerId, change.data as unknown as Record<string, unknown>);
        await customerSegmentsProjection.handlers.CustomerSegmentChanged(batch.pop()!, segCtx);
      }
    });
  }
  const memberships = await segCtx.collection('segment_intervals').count({});
  await store.close();
  return { memberships };
}

async function segmentQuery(file: string, seeded: { memberships: number }): Promise<BenchFigure> {
  const store = new SqliteReadStore({ file });
  try {
    const readModels = new ReadModels({ readStore: store, projections: [customerSegmentsProjection] });
    const scope = new ScopeService({ regionOf: async () => 'east', dealersInRegion: async () => Array.from({ length: DEALERS / 2 }, (_, d) => `D${d}`) });
    const query = new CustomerSegmentsQuery(readModels, scope);
    const advisor = (d: number): Principal => ({ sub: `sa-${d}`, role: 'service_advisor', dealerId: `D${d}`, region: null, exp: null });
    const admin: Principal = { sub: 'admin', role: 'admin', dealerId: null, region: null, exp: null };
    const regional: Principal = { sub: 'rsm', role: 'regional_service_manager', dealerId: null, region: 'east', exp: null };
    const segments = ['loyal', 'churned', 'vip'];
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < QUERIES + 200; i++) {
      const kind = i % 8;
      const caller = kind < 4 ? advisor(i % DEALERS) : kind === 4 ? admin : kind === 5 ? regional : advisor(i % DEALERS);
      const asOf = kind >= 6 ? iso(NOW - (1 + (i % 700)) * MS_PER_DAY) : iso(NOW);
      const t0 = process.hrtime.bigint();
      const page = await query.members(caller, segments[i % 3], { asOf, limit: 50 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (i >= 200) {
        samples.push(ms);
        items += page.items.length;
      }
    }
    return {
      value: percentile(samples, 99),
      unit: 'ms',
      budget: 20,
      better: 'lower',
      note: `${CUSTOMERS.toLocaleString('en-US')} customers, ${seeded.memberships.toLocaleString('en-US')} membership intervals, ${DEALERS} dealers; first page of 50, loyal/churned/vip, dealer/network/region scope, now and past asOf; p50 ${percentile(samples, 50).toFixed(2)} ms, ${(items / samples.length).toFixed(0)} items/page`,
    };
  } finally {
    await store.close();
  }
}

async function evaluate(dir: string, file: string): Promise<BenchFigure> {
  const store = new SqliteReadStore({ file });
  const events = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
  try {
    const readModels = new ReadModels({ readStore: store, projections: [customerSegmentsProjection] });
    const evaluator = new SegmentEvaluator(readModels, events, new FixedClock(iso(NOW)));
    const result = await evaluator.evaluate();
    return {
      value: result.evaluated / (result.ms / 1000),
      unit: 'customers/s',
      budget: 20_000,
      better: 'higher',
      note: `daily run over ${result.evaluated.toLocaleString('en-US')} customers, ${result.changed.toLocaleString('en-US')} changed since yesterday (appended to a sqlite event store), ${result.ms} ms`,
    };
  } finally {
    await events.close();
    await store.close();
  }
}
