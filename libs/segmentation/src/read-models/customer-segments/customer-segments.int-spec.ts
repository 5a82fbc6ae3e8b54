import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { uuidv7, type RecordedEvent } from '@aftercare/kernel';
import { SqliteReadStore } from '@aftercare/read-store';
import { physicalCollectionName, ReadModels, type ProjectionContext } from '@aftercare/projections';
import { ScopeService, type Principal } from '@aftercare/platform';
import { customerSegmentsProjection } from './customer-segments.projection';
import { CustomerSegmentsQuery } from './customer-segments.query';

describe('the CustomerSegments read model (R-SG-2)', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let ctx: ProjectionContext;
  let query: CustomerSegmentsQuery;
  let position = 0;
  const admin: Principal = { sub: 'admin', role: 'admin', dealerId: null, region: null, exp: null };

  const apply = async (type: string, data: Record<string, unknown>, occurredAt: string) => {
    const event = {
      type, data, streamId: `x-${uuidv7()}`, revision: 0, position: ++position,
      metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt, recordedAt: occurredAt, actor: { id: 'sa', role: 'service_advisor', dealerId: 'D1' }, dealerId: 'D1', correlationId: 'c', causationId: null },
    } as RecordedEvent;
    await readStore.transaction(async () => customerSegmentsProjection.handlers[type](event, ctx));
  };
  const visit = (occurredAt: string, km: number) =>
    apply('VisitRecorded', { visitId: uuidv7(), vin: 'V1', customerId: 'C1', dealerId: 'D1', occurredAt, odometerKm: km, type: 'periodic_maintenance', amount: 600, customerPaid: true, advisorId: 'sa-li' }, '2026-01-20T00:00:00.000Z');
  const members = async (segment: string, asOf: string) => (await query.members(admin, segment, { asOf, limit: 50 })).items;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-segments-rm-'));
    readStore = new SqliteReadStore({ file: path.join(dir, 'read-models.sqlite') });
    ctx = { collection: (logical) => readStore.collection(physicalCollectionName(logical, customerSegmentsProjection.version, 0)) };
    for (const [logical, indexes] of Object.entries(customerSegmentsProjection.collections)) for (const index of indexes) await ctx.collection(logical).createIndex(index);
    query = new CustomerSegmentsQuery(new ReadModels({ readStore, projections: [customerSegmentsProjection] }), new ScopeService({ regionOf: async () => null, dealersInRegion: async () => [] }));
    await apply('CustomerRegistered', { customerId: 'C1', dealerId: 'D1', name: '王建国' }, '2024-01-01T00:00:00.000Z');
    await apply('VehicleRegistered', { customerId: 'C1', vin: 'V1', deliveredAt: '2024-01-01T00:00:00.000Z', purchaseDate: '2024-01-01T00:00:00.000Z', price: 150000 }, '2024-01-01T00:00:00.000Z');
    await visit('2024-06-01T00:00:00.000Z', 8000);
    await visit('2024-11-01T00:00:00.000Z', 16000);
  });
  afterEach(async () => {
    await readStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves the lapse when a visit is filed late (R-CF-1), keeping the answers before it', async () => {
    expect((await members('churned', '2025-06-01T00:00:00.000Z')).map((m) => m.since)).toEqual(['2025-05-01T00:00:00.000Z']);
    await visit('2025-04-01T00:00:00.000Z', 24000);
    expect(await members('churned', '2025-06-01T00:00:00.000Z')).toEqual([]);
    expect((await members('loyal', '2025-06-01T00:00:00.000Z')).map((m) => m.customerId)).toEqual(['C1']);
    expect((await members('churned', '2025-11-01T00:00:00.000Z')).map((m) => m.since)).toEqual(['2025-10-01T00:00:00.000Z']);
    expect((await members('loyal', '2024-12-01T00:00:00.000Z')).map((m) => m.since)).toEqual(['2024-11-01T00:00:00.000Z']);
  });

  it('overwrites the name on the segment pages when the personal data is erased', async () => {
    expect((await members('loyal', '2024-12-01T00:00:00.000Z'))[0].name).toBe('王建国');
    await apply('PersonalDataErased', { customerId: 'C1', reason: 'request', erasedBy: 'x', erasedByRole: 'admin' }, '2026-01-01T00:00:00.000Z');
    expect((await members('loyal', '2024-12-01T00:00:00.000Z'))[0].name).toBe('[erased]');
    expect((await members('churned', '2025-06-01T00:00:00.000Z'))[0].name).toBe('[erased]');
  });
});
