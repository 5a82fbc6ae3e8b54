import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RecordedEvent } from '@aftercare/kernel';
import { SqliteReadStore } from '@aftercare/read-store';
import { ReadModels, physicalCollectionName, type ProjectionContext } from '@aftercare/projections';
import type { Principal } from '@aftercare/platform';
import { claimCostsProjection } from './claim-costs.projection';
import { ClaimCostsQuery } from './claim-costs.query';

const oem = (region: string): Principal => ({ sub: 'rsm', role: 'regional_service_manager', dealerId: null, region, exp: null });
let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  type, data, streamId: 'x-1', revision: 0, position: ++position,
  metadata: { eventId: `e${position}`, schemaVersion: 1, occurredAt: '2026-03-10T00:00:00.000Z', recordedAt: '2026-03-10T00:00:00.000Z', actor: { id: 'x', role: 'admin' }, dealerId: null, correlationId: 'c', causationId: null },
});
const vehicle = (dealerId: string, deliveredAt: string) => event('VehicleRegistered', { dealerId, deliveredAt });
const settled = (dealerId: string, type: string, amount: number, at = '2026-03-15T10:00:00.000Z') => event('ClaimSettled', { dealerId, type, amount, currency: 'CNY', at });
const visit = (dealerId: string, type: string, amount: number, occurredAt = '2026-03-02T10:00:00.000Z') => event('VisitRecorded', { dealerId, type, amount, occurredAt });

describe('claim costs per region and month (R-GC-3)', () => {
  let dir: string;
  let store: SqliteReadStore;
  let query: ClaimCostsQuery;
  const ctx: ProjectionContext = { collection: (logical) => store.collection(physicalCollectionName(logical, claimCostsProjection.version, 0)) };
  const project = (events: RecordedEvent[]) =>
    store.transaction(async () => {
      for (const e of events) await claimCostsProjection.handlers[e.type](e, ctx);
    });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-claim-costs-'));
    store = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    const regions: Record<string, string> = { D1: 'east', D2: 'east', D3: 'south' };
    query = new ClaimCostsQuery(new ReadModels({ readStore: store, projections: [claimCostsProjection] }), {
      regionOf: async (d) => regions[d] ?? null,
      dealersInRegion: async (r) => Object.keys(regions).filter((d) => regions[d] === r),
    });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("divides the month's warranty-type claim cost by the region's vehicles, leaving goodwill compensation out (R-GC-3)", async () => {
    await project([
      vehicle('D1', '2025-01-10T00:00:00.000Z'),
      vehicle('D2', '2026-03-01T00:00:00.000Z'),
      vehicle('D1', '2026-04-01T00:00:00.000Z'), // delivered after the month: not counted
      vehicle('D3', '2025-01-10T00:00:00.000Z'), // another region
      settled('D1', 'goodwill_compensation', 50000),
      settled('D2', 'goodwill_warranty', 3000.5),
      settled('D1', 'goodwill_warranty', 999.5, '2026-02-27T10:00:00.000Z'), // another month
      visit('D1', 'warranty', 1000),
      visit('D2', 'periodic_maintenance', 680), // not a claim
      visit('D3', 'warranty', 7000), // another region
    ]);
    expect(await query.get(oem('east'), { month: '2026-03' })).toEqual({
      region: 'east',
      month: '2026-03',
      dealers: 2,
      vehicles: 2,
      costs: [
        {
          currency: 'CNY',
          goodwillCompensation: { count: 1, amount: 50000 },
          goodwillWarranty: { count: 1, amount: 3000.5 },
          warrantyVisits: { count: 1, amount: 1000 },
          warrantyClaimCost: 4000.5,
          perVehicleClaimCost: 2000.25,
        },
      ],
    });
  });

  it("refuses another region to OEM staff", async () => {
    await expect(query.get(oem('east'), { region: 'south', month: '2026-03' })).rejects.toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
  });

  it('states no per-vehicle figure for a region without vehicles', async () => {
    await project([settled('D3', 'goodwill_warranty', 100)]);
    expect((await query.get(oem('south'), { month: '2026-03' })).costs[0].perVehicleClaimCost).toBeNull();
  });
});
