import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, uuidv7, type RecordedEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { physicalCollectionName, ReadModels, type ProjectionContext } from '@aftercare/projections';
import { customerSegmentsProjection } from '../read-models/customer-segments/customer-segments.projection';
import { segmentStream } from '../domain/segment.events';
import { SegmentEvaluator } from './segment-evaluator';
import { SegmentEvaluationWorker } from './segment-evaluation.worker';

describe('the R-SG-1 segment evaluation', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let stores: SqliteEventStore[];
  let ctx: ProjectionContext;
  const clock = new FixedClock('2026-03-10T09:00:00.000Z');
  let position = 0;

  const apply = async (type: string, data: Record<string, unknown>, occurredAt: string, revision = 0) => {
    const event = {
      type, data, streamId: `x-${uuidv7()}`, revision, position: ++position,
      metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt, recordedAt: occurredAt, actor: { id: 'sa', role: 'service_advisor', dealerId: 'D1' }, dealerId: 'D1', correlationId: 'c', causationId: null },
    } as RecordedEvent;
    await readStore.transaction(async () => customerSegmentsProjection.handlers[type](event, ctx));
  };
  const visit = (customerId: string, vin: string, occurredAt: string) =>
    apply('VisitRecorded', { visitId: uuidv7(), vin, customerId, dealerId: 'D1', occurredAt, odometerKm: 5000, type: 'periodic_maintenance', amount: 600, customerPaid: true, advisorId: 'sa-li' }, occurredAt);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-segments-'));
    readStore = new SqliteReadStore({ file: path.join(dir, 'read-models.sqlite') });
    ctx = { collection: (logical) => readStore.collection(physicalCollectionName(logical, customerSegmentsProjection.version, 0)) };
    stores = [new SqliteEventStore({ file: path.join(dir, 'events.sqlite') }), new SqliteEventStore({ file: path.join(dir, 'events.sqlite') })];
    // C1 lapsed (last service 2025-06-01), C2 bought two vehicles (VIP), C3 a regular customer.
    for (const id of ['C1', 'C2', 'C3']) await apply('CustomerRegistered', { customerId: id, dealerId: 'D1', name: id }, '2024-01-01T00:00:00.000Z');
    await apply('VehicleRegistered', { customerId: 'C1', vin: 'V1', deliveredAt: '2024-01-01T00:00:00.000Z', purchaseDate: '2024-01-01T00:00:00.000Z', price: 150000 }, '2024-01-01T00:00:00.000Z');
    await visit('C1', 'V1', '2025-06-01T00:00:00.000Z');
    for (const vin of ['V2', 'V3']) await apply('VehicleRegistered', { customerId: 'C2', vin, deliveredAt: '2025-12-01T00:00:00.000Z', purchaseDate: '2025-12-01T00:00:00.000Z', price: 200000 }, '2025-12-01T00:00:00.000Z');
    await apply('VehicleRegistered', { customerId: 'C3', vin: 'V4', deliveredAt: '2026-01-01T00:00:00.000Z', purchaseDate: '2026-01-01T00:00:00.000Z', price: 150000 }, '2026-01-01T00:00:00.000Z');
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await readStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const evaluator = (store: SqliteEventStore) => new SegmentEvaluator(new ReadModels({ readStore, projections: [customerSegmentsProjection] }), store, clock);

  it('publishes each change once when two evaluators run at the same time (R-SG-1)', async () => {
    const [a, b] = await Promise.all([evaluator(stores[0]).evaluate(), evaluator(stores[1]).evaluate()]);
    expect(a.evaluated).toBe(3);
    expect(b.evaluated).toBe(3);
    expect(await stores[0].readStream(segmentStream('C1'))).toHaveLength(1);
    expect(await stores[0].readStream(segmentStream('C2'))).toHaveLength(1);
    expect(await stores[0].readStream(segmentStream('C3'))).toHaveLength(0);
    const [c1] = await stores[0].readStream(segmentStream('C1'));
    expect(c1.data).toMatchObject({ from: null, to: 'churned', since: '2025-12-01T00:00:00.000Z', advisorId: 'sa-li' });
    expect(c1.metadata.occurredAt).toBe('2025-12-01T00:00:00.000Z');
  });

  it('publishes nothing again once its changes are published, even before the read model has seen them', async () => {
    expect((await evaluator(stores[0]).evaluate()).changed).toBe(2);
    const again = await evaluator(stores[1]).evaluate();
    expect(again).toMatchObject({ changed: 0, alreadyPublished: 2 });
  });

  it('runs the daily evaluation once per day of the clock, not at start', async () => {
    clock.set('2026-03-10T09:00:00.000Z');
    const worker = new SegmentEvaluationWorker(evaluator(stores[0]), clock);
    expect(await worker.look()).toBeNull();
    clock.set('2026-03-11T00:05:00.000Z');
    expect(await worker.look()).toMatchObject({ evaluated: 3, changed: 2 });
    expect(await worker.look()).toBeNull();
    clock.set('2026-03-10T09:00:00.000Z');
  });

  it('publishes the next change with the previous one as from, and what was entered and left', async () => {
    await evaluator(stores[0]).evaluate();
    for (const id of ['C1', 'C2']) {
      const [published] = await stores[0].readStream(segmentStream(id));
      await apply('CustomerSegmentChanged', published.data, published.metadata.occurredAt, published.revision);
    }
    await visit('C1', 'V1', '2026-03-01T00:00:00.000Z');
    expect((await evaluator(stores[0]).evaluate()).changed).toBe(1);
    const events = await stores[0].readStream(segmentStream('C1'));
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ to: 'churned' }),
      expect.objectContaining({ from: 'churned', to: 'regular', entered: [], left: ['churned'], since: '2026-03-01T00:00:00.000Z' }),
    ]);
  });
});
