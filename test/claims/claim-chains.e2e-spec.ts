import { FixedClock, type Role } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, VIN } from '../customers/customer-file.scenario';

const HOUR = 3_600_000;
const OLD_VIN = 'LFV2A21K5A3000001';
const FLOODED_VIN = 'LFV2A21K5A3000002';

/**
 * Both claim chains over HTTP, with a token per role (DOMAIN.md "Roles"): dealers D1,
 * D2 (region east) and D3 (south) registered first, as every OEM scope check needs.
 */
describe('claims over HTTP (R-GC-1…3, R-GW-1…2)', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;

  const dealer = (role: Role, sub: string, dealerId = 'D1') => app.token(role, { dealerId, sub });
  const oem = (role: Role, sub: string, region = 'east') => app.token(role, { region, sub });
  const director = () => dealer('service_director', 'sd-li');
  const advisor = () => dealer('service_advisor', 'sa-li');
  const afterSales = () => oem('oem_after_sales', 'as-wu');
  const regional = () => oem('regional_service_manager', 'rsm-zhang');
  const generalManager = () => oem('oem_general_manager', 'gm-chen');
  const productLiability = () => oem('product_liability', 'pl-zhao');
  const leadership = () => oem('oem_leadership', 'lead-sun');
  const fieldRep = () => oem('field_service_rep', 'fsr-he');
  const technicalManager = () => oem('field_technical_manager', 'ftm-lin');
  const claimsStaff = () => oem('claims_staff', 'cs-ma');

  const post = (path: string, token: string, body: object = {}) => app.http.post(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token: string) => app.http.get(`/api/v1${path}`).set('Authorization', token);
  const gql = async (token: string, query: string) => {
    const res = await app.http.post('/graphql').set('Authorization', token).send({ query }).expect(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  const fileComplaint = async (severity: 'normal' | 'major') =>
    (
      await post('/complaints', advisor(), {
        customerId, vin: VIN, channel: 'phone', subject: 'product_quality', description: 'the engine seized on the motorway',
        expectedResolution: 'pay for the towing and the hotel', severity,
      }).expect(201)
    ).body.id as string;

  const application = (complaintId: string, over: object = {}) => ({
    complaintId,
    amount: 12000,
    currency: 'CNY',
    breakdown: [
      { kind: 'customer_loss', description: 'towing and a hotel night', amount: 2000 },
      { kind: 'repair', description: 'engine repair', amount: 10000 },
    ],
    ...over,
  });

  const registerOldVehicle = async (vin: string) => {
    const customer = await post('/customers', advisor(), { name: '赵记者', phone: '13900139000' }).expect(201);
    const id = customer.body.id as string;
    // Delivered in January 2023 with 24 months of warranty: out of warranty by time.
    await post(`/customers/${id}/vehicles`, advisor(), { vin, plate: '沪C00001', model: 'Passat', purchaseDate: '2023-01-05', deliveredAt: '2023-01-10', warrantyMonths: 24, warrantyKm: 40000 }).expect(201);
    return id;
  };

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' } });
    await registerDealers(app);
    ({ customerId } = await createCustomerFile(app));
  });
  afterAll(async () => app?.stop());

  describe('goodwill compensation', () => {
    let id: string;
    let complaintId: string;

    beforeAll(async () => {
      complaintId = await fileComplaint('major');
      clock.advance(HOUR);
      const res = await post('/claims/goodwill-compensation', director(), application(complaintId)).expect(201);
      id = res.body.id;
      expect(res.headers.location).toBe(`/api/v1/claims/${id}`);
      expect(res.headers.etag).toBe('"0"');
      expect(res.body).toMatchObject({ id, revision: 0, status: 'in_approval', claimRevision: 1, awaiting: [{ step: 'after_sales_sign_off', roles: ['oem_after_sales'] }] });
    });

    it('needs a major complaint (409 CLAIM.COMPLAINT_NOT_MAJOR)', async () => {
      const normal = await fileComplaint('normal');
      const res = await post('/claims/goodwill-compensation', director(), application(normal)).expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'CLAIM.COMPLAINT_NOT_MAJOR' });
    });

    it('refuses a consequential cost with its code (409 CLAIM.CONSEQUENTIAL_COSTS)', async () => {
      const res = await post('/claims/goodwill-compensation', director(), application(complaintId, {
        amount: 15000,
        breakdown: [{ kind: 'repair', description: 'engine', amount: 10000 }, { kind: 'consequential', description: "lost business while the car stood", amount: 5000 }],
      })).expect(409);
      expect(res.body.code).toBe('CLAIM.CONSEQUENTIAL_COSTS');
    });

    it('refuses a breakdown that does not add up (400) and unknown fields (400)', async () => {
      expect((await post('/claims/goodwill-compensation', director(), application(complaintId, { amount: 12500 })).expect(400)).body.code).toBe('CLAIM.BREAKDOWN_MISMATCH');
      await post('/claims/goodwill-compensation', director(), { ...application(complaintId), discount: 5 }).expect(400);
    });

    it("refuses the complaint of another dealer's service director (403)", async () => {
      await post('/claims/goodwill-compensation', dealer('service_director', 'sd-zhou', 'D2'), application(complaintId)).expect(403);
    });

    it('refuses an advance payment before the waiver is signed and confirmed (409, R-GC-1)', async () => {
      const res = await post(`/claims/${id}/advance-payment`, director(), { amount: 2000, paidAt: clock.now().toISOString() }).expect(409);
      expect(res.body.code).toBe('CLAIM.WAIVER_NOT_CONFIRMED');
    });

    it('takes the waiver, its OEM confirmation, then the advance (R-GC-1)', async () => {
      await post(`/claims/${id}/waiver`, dealer('service_director', 'sd-zhou', 'D2'), { documentRef: 'W-X', signedAt: '2026-03-10T08:00:00Z' }).expect(403);
      await post(`/claims/${id}/waiver`, director(), { documentRef: 'DMS-WAIVER-0042', signedAt: '2026-03-10T09:30:00Z' }).expect(200);
      expect((await post(`/claims/${id}/advance-payment`, director(), { amount: 2000, paidAt: '2026-03-10T10:00:00Z' }).expect(409)).body.code).toBe('CLAIM.WAIVER_NOT_CONFIRMED');
      await post(`/claims/${id}/waiver/confirmation`, oem('oem_after_sales', 'as-south', 'south'), { comment: 'x' }).expect(403);
      await post(`/claims/${id}/waiver/confirmation`, oem('oem_after_sales', 'as-qian'), { comment: 'signed copy checked on site' }).expect(200);
      clock.advance(HOUR);
      const future = new Date(clock.now().getTime() + 60_000).toISOString();
      expect((await post(`/claims/${id}/advance-payment`, director(), { amount: 2000, paidAt: future }).expect(400)).body.code).toBe('CLAIM.IN_FUTURE');
      // paidAt is optional: the clock's now.
      const res = await post(`/claims/${id}/advance-payment`, director(), { amount: 2000 }).expect(200);
      expect(res.body.status).toBe('in_approval');
      await app.caughtUp();
      expect((await get(`/claims/${id}`, director()).expect(200)).body.advancePayments).toEqual([expect.objectContaining({ amount: 2000, paidAt: clock.now().toISOString(), at: clock.now().toISOString() })]);
    });

    it('refuses a sign-off out of order (409 CLAIM.STEP_OUT_OF_ORDER)', async () => {
      const res = await post(`/claims/${id}/approvals`, regional(), { decision: 'approve' }).expect(409);
      expect(res.body).toMatchObject({ code: 'CLAIM.STEP_OUT_OF_ORDER' });
    });

    it('refuses the right step by the wrong role (403)', async () => {
      expect((await post(`/claims/${id}/approvals`, claimsStaff(), { decision: 'approve' }).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      expect((await post(`/claims/${id}/approvals`, advisor(), { decision: 'approve' }).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    });

    it('refuses OEM staff of another region (403) and writes nothing', async () => {
      await app.caughtUp();
      const before = await app.eventStore.headPosition();
      const res = await post(`/claims/${id}/approvals`, oem('oem_after_sales', 'as-south', 'south'), { decision: 'approve' }).expect(403);
      expect(res.body.code).toBe('AUTH.OUT_OF_SCOPE');
      await app.caughtUp();
      expect(await app.eventStore.headPosition()).toBe(before);
    });

    it("shows each role what waits for it, oldest first, with its age, in its scope", async () => {
      await app.caughtUp();
      clock.advance(2 * HOUR);
      const mine = await get('/claims/worklist', afterSales()).expect(200);
      expect(mine.body.role).toBe('oem_after_sales');
      expect(mine.body.items).toEqual([expect.objectContaining({ claimId: id, step: 'after_sales_sign_off', role: 'oem_after_sales', dealerId: 'D1', region: 'east', amount: 12000, since: '2026-03-10T10:00:00.000Z', ageHours: 3 })]);
      expect((await get('/claims/worklist', oem('oem_after_sales', 'as-south', 'south')).expect(200)).body.items).toEqual([]);
      expect((await get('/claims/worklist', regional()).expect(200)).body.items).toEqual([]);
      await get('/claims/worklist?role=oem_leadership', afterSales()).expect(403);
    });

    it('rejects at the regional sign-off with a reason, which is final until revised', async () => {
      await post(`/claims/${id}/approvals`, afterSales(), { decision: 'approve', comment: 'direct costs only' }).expect(200);
      await post(`/claims/${id}/approvals`, regional(), { decision: 'reject' }).expect(400);
      const rejected = await post(`/claims/${id}/approvals`, regional(), { decision: 'reject', comment: 'the hotel night needs a receipt' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', step: 'regional_sign_off', awaiting: [] });
      expect((await post(`/claims/${id}/approvals`, generalManager(), { decision: 'approve' }).expect(409)).body.code).toBe('CLAIM.REJECTED');
    });

    it('restarts the whole chain on a revised application (R-GC-2)', async () => {
      clock.advance(HOUR);
      const revised = await post(`/claims/${id}/revision`, director(), {
        amount: 11800,
        breakdown: [{ kind: 'customer_loss', description: 'towing and a hotel night (receipt DMS-R-9)', amount: 1800 }, { kind: 'repair', description: 'engine repair', amount: 10000 }],
        comment: 'receipt attached, amount corrected',
      }).expect(200);
      expect(revised.body).toMatchObject({ status: 'in_approval', claimRevision: 2, awaiting: [{ step: 'after_sales_sign_off', roles: ['oem_after_sales'] }] });
      expect((await post(`/claims/${id}/approvals`, regional(), { decision: 'approve' }).expect(409)).body.code).toBe('CLAIM.STEP_OUT_OF_ORDER');
    });

    it('binds a sign-off to the revision the approver read: a stale If-Match is a 412 and changes nothing', async () => {
      await app.caughtUp();
      const read = await get(`/claims/${id}`, afterSales()).expect(200);
      expect(read.headers.etag).toBe(`"${read.body.revision}"`);
      await app.caughtUp();
      const before = await app.eventStore.headPosition();
      const stale = await post(`/claims/${id}/approvals`, afterSales(), { decision: 'approve' }).set('If-Match', `"${read.body.revision - 1}"`).expect(412);
      expect(stale.body.code).toBe('PRECONDITION_FAILED');
      await app.caughtUp();
      expect(await app.eventStore.headPosition()).toBe(before);
      const res = await post(`/claims/${id}/approvals`, afterSales(), { decision: 'approve', comment: 'receipt seen', contentHash: read.body.contentHash })
        .set('If-Match', read.headers.etag as string)
        .expect(200);
      expect(res.body).toMatchObject({ step: 'after_sales_sign_off', revision: read.body.revision + 1 });
    });

    it('takes the remaining sign-offs in their order, then archive, materials and settlement (R-GC-2, R-GC-3)', async () => {
      await post(`/claims/${id}/approvals`, regional(), { decision: 'approve' }).expect(200);
      await post(`/claims/${id}/approvals`, generalManager(), { decision: 'approve' }).expect(200);
      await post(`/claims/${id}/approvals`, productLiability(), { decision: 'approve', comment: 'submitted to leadership' }).expect(200);
      await post(`/claims/${id}/archive`, productLiability(), {}).expect(409);
      expect((await post(`/claims/${id}/approvals`, leadership(), { decision: 'approve' }).expect(200)).body.status).toBe('approved');
      await post(`/claims/${id}/archive`, claimsStaff(), {}).expect(403);
      await post(`/claims/${id}/archive`, productLiability(), { comment: 'filed' }).expect(200);
      await post(`/claims/${id}/materials/request`, regional(), { kinds: ['invoice', 'settlement_statement'], note: 'towing invoice and the hotel bill' }).expect(200);
      expect((await post(`/claims/${id}/materials`, director(), { documents: [{ kind: 'invoice', ref: 'INV-1' }] }).expect(409)).body.code).toBe('CLAIM.MATERIALS_INCOMPLETE');
      await post(`/claims/${id}/materials`, director(), { documents: [{ kind: 'invoice', ref: 'INV-1' }, { kind: 'settlement_statement', ref: 'SS-1' }] }).expect(200);
      expect((await post(`/claims/${id}/settlement`, productLiability(), { amount: 12000 }).expect(409)).body.code).toBe('CLAIM.SETTLEMENT_EXCEEDS_APPROVED');
      expect((await post(`/claims/${id}/settlement`, productLiability(), { amount: 11800 }).expect(200)).body.status).toBe('settled');
    });

    it('reads back every step with who, role, when, comment, round and content hash, and the earlier round in the history', async () => {
      await app.caughtUp();
      const res = await get(`/claims/${id}`, regional()).expect(200);
      const claim = res.body;
      expect(res.headers.etag).toBe(`"${claim.revision}"`);
      expect(claim).toMatchObject({
        id, type: 'goodwill_compensation', status: 'settled', amount: 11800, currency: 'CNY', dealerId: 'D1', region: 'east', complaintId, customerId, claimRevision: 2,
        waiver: { documentRef: 'DMS-WAIVER-0042', signedBy: { actorId: 'sd-li', role: 'service_director' }, confirmed: { actorId: 'as-qian', role: 'oem_after_sales' } },
        advancePayments: [{ amount: 2000, actorId: 'sd-li' }],
        materials: { documents: [{ kind: 'invoice', ref: 'INV-1' }, { kind: 'settlement_statement', ref: 'SS-1' }] },
        settlement: { amount: 11800, paidAs: 'parts_claim', countsInPerVehicleClaimCost: false, advancedByDealer: 2000, actorId: 'pl-zhao', role: 'product_liability' },
      });
      expect(claim.steps.map((s: { step: string; decision: string; actorId: string; role: string }) => [s.step, s.decision, s.actorId, s.role])).toEqual([
        // R-GC-1, taken in round 1 and holding in round 2 (a revision does not undo the waiver)
        ['waiver_signing', 'done', 'sd-li', 'service_director'],
        ['waiver_confirmation', 'done', 'as-qian', 'oem_after_sales'],
        ['application', 'submitted', 'sd-li', 'service_director'],
        ['after_sales_sign_off', 'approve', 'as-wu', 'oem_after_sales'],
        ['regional_sign_off', 'approve', 'rsm-zhang', 'regional_service_manager'],
        ['general_manager_sign_off', 'approve', 'gm-chen', 'oem_general_manager'],
        ['leadership_submission', 'approve', 'pl-zhao', 'product_liability'],
        ['leadership_approval', 'approve', 'lead-sun', 'oem_leadership'],
        ['archive', 'done', 'pl-zhao', 'product_liability'],
        ['materials_request', 'done', 'rsm-zhang', 'regional_service_manager'],
        ['materials_submission', 'done', 'sd-li', 'service_director'],
        ['settlement', 'done', 'pl-zhao', 'product_liability'],
      ]);
      for (const s of claim.steps) {
        expect(s).toEqual(expect.objectContaining({ at: expect.any(String), claimRevision: s.step.startsWith('waiver_') ? 1 : 2, contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), seenRevision: expect.any(Number) }));
      }
      expect(claim.rounds).toHaveLength(1);
      expect(claim.rounds[0]).toMatchObject({ claimRevision: 1, amount: 12000, outcome: 'rejected', rejectedStep: 'regional_sign_off', closedBy: 'sd-li' });
      expect(claim.rounds[0].steps.map((s: { step: string; decision: string; comment: string | null }) => [s.step, s.decision, s.comment])).toEqual([
        ['application', 'submitted', null],
        ['waiver_signing', 'done', null],
        ['waiver_confirmation', 'done', 'signed copy checked on site'],
        ['after_sales_sign_off', 'approve', 'direct costs only'],
        ['regional_sign_off', 'reject', 'the hotel night needs a receipt'],
      ]);
      // The first round's approvals signed other content than the second round's.
      expect(claim.rounds[0].steps[3].contentHash).not.toBe(claim.steps[3].contentHash);
      expect(claim.rounds[0].contentHash).toBe(claim.rounds[0].steps[4].contentHash);
    });

    it('rebuilds the claim as it had been recorded at a past instant (asOf)', async () => {
      const before = (await get(`/claims/${id}?asOf=2026-03-10T13:30:00Z`, regional()).expect(200)).body;
      expect(before).toMatchObject({ status: 'rejected', claimRevision: 1, amount: 12000, rounds: [] });
      expect(before.steps.at(-1)).toMatchObject({ step: 'regional_sign_off', decision: 'reject', actorId: 'rsm-zhang' });
    });

    it("hides the claim from another dealer's roles and another region's OEM staff (403)", async () => {
      await get(`/claims/${id}`, dealer('service_director', 'sd-zhou', 'D2')).expect(403);
      await get(`/claims/${id}`, oem('regional_service_manager', 'rsm-south', 'south')).expect(403);
      const listed = await get('/claims?type=goodwill_compensation&status=settled', oem('regional_service_manager', 'rsm-south', 'south')).expect(200);
      expect(listed.body.items).toEqual([]);
    });

    it('lists claims by type and status, paged', async () => {
      const res = await get('/claims?type=goodwill_compensation&status=settled&limit=1', regional()).expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
      await get('/claims?status=nonsense', regional()).expect(400);
    });

    it('answers the same over GraphQL', async () => {
      const data = await gql(regional(), `{ claim(id: "${id}") { id status claimRevision steps { step decision actorId role at comment claimRevision contentHash } rounds { claimRevision outcome steps { step decision } } }
        claims(type: "goodwill_compensation", status: "settled", first: 5) { items { id } nextCursor } }`);
      expect(data.claim).toMatchObject({ id, status: 'settled', claimRevision: 2 });
      expect(data.claim.steps).toHaveLength(12);
      expect(data.claim.rounds[0]).toMatchObject({ claimRevision: 1, outcome: 'rejected' });
      expect(data.claims.items).toEqual([{ id }]);
    });
  });

  describe('goodwill warranty', () => {
    let id: string;
    let sensitiveId: string;

    beforeAll(async () => {
      sensitiveId = await registerOldVehicle(OLD_VIN);
      await post(`/customers/${sensitiveId}/sensitive-flags`, dealer('customer_service_manager', 'csm-zhao'), { kind: 'media', reason: 'reporter at the evening paper' }).expect(200);
    });

    it('is for a sensitive customer only (409 CLAIM.CUSTOMER_NOT_SENSITIVE, R-GW-1)', async () => {
      const plain = await registerOldVehicle('LFV2A21K5A3000003');
      const res = await post('/claims/goodwill-warranty', advisor(), { customerId: plain, vin: 'LFV2A21K5A3000003', failureDescription: 'gearbox' }).expect(409);
      expect(res.body.code).toBe('CLAIM.CUSTOMER_NOT_SENSITIVE');
    });

    it('is for a vehicle out of warranty (409 CLAIM.VEHICLE_IN_WARRANTY, R-GW-1)', async () => {
      await post(`/customers/${customerId}/sensitive-flags`, dealer('customer_service_manager', 'csm-zhao'), { kind: 'vip', reason: 'fleet buyer' }).expect(200);
      const res = await post('/claims/goodwill-warranty', advisor(), { customerId, vin: VIN, failureDescription: 'gearbox' }).expect(409);
      expect(res.body.code).toBe('CLAIM.VEHICLE_IN_WARRANTY');
    });

    it('walks every step of R-GW-2, each by its role, refusing steps out of order (409) and wrong roles (403)', async () => {
      const opened = await post('/claims/goodwill-warranty', advisor(), { customerId: sensitiveId, vin: OLD_VIN, failureDescription: 'gearbox judders on cold starts' }).expect(201);
      id = opened.body.id;
      expect(opened.body).toMatchObject({ status: 'requested', awaiting: [{ step: 'director_review', roles: ['service_director'] }] });

      await post(`/claims/${id}/vehicle-verification`, fieldRep(), { findings: 'x' }).expect(409);
      await post(`/claims/${id}/approvals`, dealer('service_director', 'sd-zhou', 'D2'), { decision: 'approve' }).expect(403);
      await post(`/claims/${id}/approvals`, director(), { decision: 'approve', comment: 'meets the goodwill criteria' }).expect(200);
      await post(`/claims/${id}/vehicle-verification`, technicalManager(), { findings: 'x' }).expect(403);
      await post(`/claims/${id}/vehicle-verification`, oem('field_service_rep', 'fsr-south', 'south'), { findings: 'x' }).expect(403);
      await post(`/claims/${id}/vehicle-verification`, fieldRep(), { findings: 'judder reproduced on a cold start' }).expect(200);
      await post(`/claims/${id}/approval-form`, director(), { amount: 4800 }).expect(409);
      await post(`/claims/${id}/technical-assessment`, technicalManager(), { qualityIssue: true, naturalDisaster: false, findings: 'clutch pack defect' }).expect(200);
      await post(`/claims/${id}/approval-form`, director(), { amount: 4800 }).expect(200);
      await post(`/claims/${id}/approvals`, afterSales(), { decision: 'approve' }).expect(409);
      await post(`/claims/${id}/approvals`, fieldRep(), { decision: 'approve' }).expect(200);
      await post(`/claims/${id}/approvals`, technicalManager(), { decision: 'approve' }).expect(200);
      expect((await post(`/claims/${id}/approvals`, afterSales(), { decision: 'approve', comment: 'technical audit passed' }).expect(200)).body).toMatchObject({ step: 'technical_audit', status: 'approved' });
      await post(`/claims/${id}/archive`, productLiability(), {}).expect(403);
      await post(`/claims/${id}/archive`, claimsStaff(), { comment: 'processed' }).expect(200);
      await post(`/claims/${id}/result-notification`, technicalManager(), { comment: 'approved, 4,800' }).expect(200);
      await post(`/claims/${id}/materials/request`, regional(), { kinds: ['invoice'] }).expect(409);
      expect((await post(`/claims/${id}/settlement`, claimsStaff(), { amount: 4800 }).expect(200)).body.status).toBe('settled');

      await app.caughtUp();
      const claim = (await get(`/claims/${id}`, fieldRep()).expect(200)).body;
      expect(claim).toMatchObject({
        type: 'goodwill_warranty', status: 'settled', amount: 4800, currency: 'CNY', customerId: sensitiveId, vin: OLD_VIN, region: 'east',
        eligibility: { sensitiveKinds: ['media'], outOfWarrantyBy: ['time'] },
        settlement: { paidAs: 'warranty_claim', countsInPerVehicleClaimCost: true, role: 'claims_staff' },
      });
      expect(claim.steps.map((s: { step: string; role: string }) => `${s.step}:${s.role}`)).toEqual([
        'request:service_advisor', 'director_review:service_director', 'vehicle_verification:field_service_rep', 'technical_assessment:field_technical_manager',
        'approval_form:service_director', 'field_service_rep_sign_off:field_service_rep', 'technical_manager_sign_off:field_technical_manager',
        'technical_audit:oem_after_sales', 'archive:claims_staff', 'result_notification:field_technical_manager', 'settlement:claims_staff',
      ]);
    });

    it('refuses natural-disaster damage with CLAIM.NATURAL_DISASTER and hands it back to complaint handling (R-GW-1)', async () => {
      const owner = await registerOldVehicle(FLOODED_VIN);
      await post(`/customers/${owner}/sensitive-flags`, dealer('customer_service_manager', 'csm-zhao'), { kind: 'key_account', reason: 'fleet' }).expect(200);
      const flooded = (await post('/claims/goodwill-warranty', director(), { customerId: owner, vin: FLOODED_VIN, failureDescription: 'engine will not start' }).expect(201)).body.id;
      await post(`/claims/${flooded}/approvals`, director(), { decision: 'approve' }).expect(200);
      await post(`/claims/${flooded}/vehicle-verification`, fieldRep(), { findings: 'water line at the seats' }).expect(200);
      const assessed = await post(`/claims/${flooded}/technical-assessment`, technicalManager(), { qualityIssue: false, naturalDisaster: true, findings: 'flood damage' }).expect(200);
      expect(assessed.body).toMatchObject({ status: 'refused', refusal: 'CLAIM.NATURAL_DISASTER', awaiting: [] });
      expect((await post(`/claims/${flooded}/approval-form`, director(), { amount: 100 }).expect(409)).body.code).toBe('CLAIM.REFUSED');
      const events = await app.eventStore.readStream(`claim-${flooded}`);
      expect(events.at(-1)).toMatchObject({ type: 'ClaimHandedBackToComplaintHandling', data: { customerId: owner, vin: FLOODED_VIN, reason: 'natural_disaster', handedBackTo: 'customer_service_manager' } });
      await app.caughtUp();
      expect((await get(`/claims/${flooded}`, director()).expect(200)).body).toMatchObject({ status: 'refused', refusal: { code: 'CLAIM.NATURAL_DISASTER', rule: 'R-GW-1' }, handedBack: { to: 'customer_service_manager' } });
      const data = await gql(technicalManager(), `{ claim(id: "${flooded}") { status refusal { code } technicalAssessment { naturalDisaster } handedBack { to reason } } }`);
      expect(data.claim).toEqual({ status: 'refused', refusal: { code: 'CLAIM.NATURAL_DISASTER' }, technicalAssessment: { naturalDisaster: true }, handedBack: { to: 'customer_service_manager', reason: 'natural_disaster' } });
    });
  });

  describe('claim costs (R-GC-3)', () => {
    it('counts goodwill compensation apart and leaves it out of the per-vehicle claim cost', async () => {
      await post(`/vehicles/${VIN}/visits`, advisor(), { occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 7600, type: 'warranty', amount: 1200, advisorId: 'sa-li' }).expect(201);
      await app.caughtUp();
      const res = await get('/claims/costs?month=2026-03', regional()).expect(200);
      // Vehicles delivered by east dealers up to March 2026: the customer file's four.
      expect(res.body).toMatchObject({ region: 'east', month: '2026-03', vehicles: 4 });
      expect(res.body.costs).toEqual([
        {
          currency: 'CNY',
          goodwillCompensation: { count: 1, amount: 11800 },
          goodwillWarranty: { count: 1, amount: 4800 },
          warrantyVisits: { count: 1, amount: 1200 },
          warrantyClaimCost: 6000,
          perVehicleClaimCost: 1500,
        },
      ]);
      await get('/claims/costs?month=2026-03&region=south', regional()).expect(403);
      await get('/claims/costs?month=2026-03', director()).expect(403);
      const data = await gql(app.token('auditor'), '{ claimCosts(region: "east", month: "2026-03") { vehicles costs { currency goodwillCompensation { amount } perVehicleClaimCost } } }');
      expect(data.claimCosts).toEqual({ vehicles: 4, costs: [{ currency: 'CNY', goodwillCompensation: { amount: 11800 }, perVehicleClaimCost: 1500 }] });
    });

    it('serves the worklist over GraphQL', async () => {
      const data = await gql(claimsStaff(), '{ claimWorklist { role items { claimId step ageHours } } }');
      expect(data.claimWorklist).toEqual({ role: 'claims_staff', items: [] });
    });
  });
});
