import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, type RecordedEvent } from '@aftercare/kernel';
import { SqliteReadStore } from '@aftercare/read-store';
import { ReadModels, physicalCollectionName, type ProjectionContext } from '@aftercare/projections';
import type { Principal } from '@aftercare/platform';
import { applyCompensation, approve, approvedCompensation, recorded, run, step, warrantyWithForm } from '../../testing/claim-history.fixture';
import { claimWorklistProjection } from './claim-worklist.projection';
import { ClaimWorklistQuery } from './claim-worklist.query';
import { CLAIM_WORKLIST } from './claim-worklist.document';

const principal = (role: Principal['role'], scope: { dealerId?: string; region?: string } = {}): Principal => ({
  sub: `${role}-1`, role, dealerId: scope.dealerId ?? null, region: scope.region ?? null, exp: null,
});
const atHour = (i: number) => new Date(Date.parse('2026-03-10T09:00:00.000Z') + i * 3_600_000).toISOString();

describe('the claim worklist on the embedded read store', () => {
  let dir: string;
  let store: SqliteReadStore;
  let query: ClaimWorklistQuery;
  const ctx: ProjectionContext = { collection: (logical) => store.collection(physicalCollectionName(logical, claimWorklistProjection.version, 0)) };
  const project = async (events: RecordedEvent[]) => {
    await store.transaction(async () => {
      for (const e of events) await claimWorklistProjection.handlers[e.type](e, ctx);
    });
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-claims-worklist-'));
    store = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    for (const [logical, indexes] of Object.entries(claimWorklistProjection.collections)) for (const index of indexes) await ctx.collection(logical).createIndex(index);
    query = new ClaimWorklistQuery(new ReadModels({ readStore: store, projections: [claimWorklistProjection] }), new FixedClock(atHour(10)));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves a goodwill compensation claim from one role’s list to the next as each signs (R-GC-2)', async () => {
    const events = recorded(run([applyCompensation(), approve('oem_after_sales')]), { at: atHour });
    await project(events.slice(0, 1));
    expect((await query.list(principal('oem_after_sales', { region: 'east' }), { limit: 50 })).items).toEqual([
      expect.objectContaining({ claimId: 'claim-1', step: 'after_sales_sign_off', since: atHour(0), ageHours: 10, ageDays: 0 }),
    ]);
    await project(events.slice(1));
    expect((await query.list(principal('oem_after_sales', { region: 'east' }), { limit: 50 })).items).toEqual([]);
    expect((await query.list(principal('regional_service_manager', { region: 'east' }), { limit: 50 })).items).toEqual([
      expect.objectContaining({ step: 'regional_sign_off', since: atHour(1), ageHours: 9 }),
    ]);
    expect(await ctx.collection(CLAIM_WORKLIST).count({})).toBe(1);
  });

  it('lists the oldest first, only in the caller’s region or dealer', async () => {
    await project(recorded(run([applyCompensation()]), { claimId: 'newer', at: () => atHour(5), from: 100 }));
    await project(recorded(run([applyCompensation()]), { claimId: 'older', at: () => atHour(2), from: 200 }));
    const list = await query.list(principal('oem_after_sales', { region: 'east' }), { limit: 50 });
    expect(list.items.map((i) => i.claimId)).toEqual(['older', 'newer']);
    expect((await query.list(principal('oem_after_sales', { region: 'south' }), { limit: 50 })).items).toEqual([]);
    expect((await query.list(principal('admin'), { role: 'oem_after_sales', limit: 1 })).nextCursor).toEqual(expect.any(String));
  });

  it('shows the two warranty signatures to both roles at once (R-GW-2)', async () => {
    await project(recorded(warrantyWithForm(), { at: atHour }));
    for (const role of ['field_service_rep', 'field_technical_manager'] as const) {
      expect((await query.list(principal(role, { region: 'east' }), { limit: 50 })).items.map((i) => i.step)).toEqual([
        role === 'field_service_rep' ? 'field_service_rep_sign_off' : 'technical_manager_sign_off',
      ]);
    }
    expect((await query.list(principal('service_director', { dealerId: 'D2' }), { limit: 50 })).items).toEqual([]);
  });

  it('lists only what the chain waits for: an approved goodwill compensation waits for product liability to settle, nothing optional (R-GC-3)', async () => {
    await project(recorded(approvedCompensation(), { at: atHour }));
    expect((await query.list(principal('product_liability', { region: 'east' }), { limit: 50 })).items.map((i) => [i.step, i.status])).toEqual([['settlement', 'approved']]);
    expect((await query.list(principal('regional_service_manager', { region: 'east' }), { limit: 50 })).items).toEqual([]);
    expect((await query.list(principal('service_director', { dealerId: 'D1' }), { limit: 50 })).items).toEqual([]);
  });

  it('puts the materials on the dealer’s list once regional staff asked for them (R-GC-3)', async () => {
    await project(recorded(run([{ kind: 'RequestMaterials', ...step('regional_service_manager', { id: 'rsm-2' }), kinds: ['invoice'], note: null }], approvedCompensation()), { at: atHour }));
    expect((await query.list(principal('service_director', { dealerId: 'D1' }), { limit: 50 })).items.map((i) => [i.step, i.status])).toEqual([['materials_submission', 'materials_requested']]);
    expect((await query.list(principal('product_liability', { region: 'east' }), { limit: 50 })).items).toEqual([]);
  });
});
