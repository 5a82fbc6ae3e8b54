import { FixedClock, type Role } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';

const HOUR = 3_600_000;
const NEW_VIN = 'LSVAU2180N2189001';
const OLD_VIN = 'LFV2A21K5A3009001';

/**
 * QA review: a client following /work/shared/API.md to the letter finishes BOTH claim
 * chains. Every request of this file goes to an endpoint API.md lists (dealers,
 * customers and vehicles, complaints, and the Claims table); the last test checks
 * the log of paths against that list, so no extension (/archive,
 * /materials/request, /result-notification, /advance-payment, /revision) creeps in.
 */
const API_MD_ENDPOINTS: [string, RegExp][] = [
  ['POST', /^\/dealers$/],
  ['POST', /^\/customers$/],
  ['POST', /^\/customers\/[^/]+\/vehicles$/],
  ['POST', /^\/customers\/[^/]+\/sensitive-flags$/],
  ['POST', /^\/complaints$/],
  ['POST', /^\/claims\/goodwill-compensation$/],
  ['POST', /^\/claims\/[^/]+\/waiver$/],
  ['POST', /^\/claims\/[^/]+\/waiver\/confirmation$/],
  ['POST', /^\/claims\/goodwill-warranty$/],
  ['POST', /^\/claims\/[^/]+\/vehicle-verification$/],
  ['POST', /^\/claims\/[^/]+\/technical-assessment$/],
  ['POST', /^\/claims\/[^/]+\/approval-form$/],
  ['POST', /^\/claims\/[^/]+\/approvals$/],
  ['POST', /^\/claims\/[^/]+\/materials$/],
  ['POST', /^\/claims\/[^/]+\/settlement$/],
  ['GET', /^\/claims\/[^/?]+$/],
  ['GET', /^\/claims(\?.*)?$/],
];

interface StepEntry {
  step: string;
  decision: string;
  actorId: string;
  role: string;
  at: string;
  comment: string | null;
  claimRevision: number;
  contentHash: string;
  seenRevision: number;
  rule: string | null;
  implicit?: boolean;
}

describe('both claim chains through the API.md endpoints only (R-GC-1…3, R-GW-1…2)', () => {
  let app: E2eApp;
  let clock: FixedClock;
  const used: [string, string][] = [];

  const token = (role: Role, sub: string, scope: { dealerId?: string; region?: string }) => app.token(role, { sub, ...scope });
  const dealer = (role: Role, sub: string) => token(role, sub, { dealerId: 'D7' });
  const oem = (role: Role, sub: string) => token(role, sub, { region: 'west' });
  const post = (path: string, auth: string, body: object = {}) => {
    used.push(['POST', path]);
    return app.http.post(`/api/v1${path}`).set('Authorization', auth).send(body);
  };
  const get = (path: string, auth: string) => {
    used.push(['GET', path]);
    return app.http.get(`/api/v1${path}`).set('Authorization', auth);
  };
  const tick = () => clock.advance(HOUR);
  const readClaim = async (id: string, auth: string) => {
    await app.caughtUp();
    const res = await get(`/claims/${id}`, auth).expect(200);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    return res.body as { status: string; steps: StepEntry[]; awaiting: { step: string; optional?: boolean }[]; [k: string]: unknown };
  };
  const expectAudited = (steps: StepEntry[]) => {
    for (const s of steps) {
      expect(s).toEqual(
        expect.objectContaining({
          actorId: expect.any(String), role: expect.any(String), at: expect.stringMatching(/^2026-/), claimRevision: 1,
          contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), seenRevision: expect.any(Number),
        }),
      );
    }
  };

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' } });
    await post('/dealers', app.token('admin'), { dealerId: 'D7', name: 'Dealer D7', region: 'west' }).expect(201);
  });
  afterAll(async () => app?.stop());

  it('goodwill compensation: application, waiver and its confirmation, five sign-offs, materials, settlement (R-GC-1, R-GC-2, R-GC-3)', async () => {
    const advisor = dealer('service_advisor', 'sa-wei');
    const director = dealer('service_director', 'sd-gao');
    const customer = await post('/customers', advisor, { name: '钱女士', phone: '13700137000' }).expect(201);
    await post(`/customers/${customer.body.id}/vehicles`, advisor, {
      vin: NEW_VIN, plate: '川A10001', model: 'Tiguan', purchaseDate: '2025-06-01', deliveredAt: '2025-06-05', warrantyMonths: 36, warrantyKm: 100000,
    }).expect(201);
    const complaint = await post('/complaints', advisor, {
      customerId: customer.body.id, vin: NEW_VIN, channel: 'phone', subject: 'product_quality', description: 'fire in the engine bay on the ring road',
      expectedResolution: 'pay for the hotel and the towing', severity: 'major',
    }).expect(201);

    tick();
    const opened = await post('/claims/goodwill-compensation', director, {
      complaintId: complaint.body.id, amount: 9000, currency: 'CNY',
      breakdown: [{ kind: 'customer_loss', description: 'towing and two hotel nights', amount: 3000 }, { kind: 'litigation', description: 'settlement of the claim', amount: 6000 }],
    }).expect(201);
    const id = opened.body.id as string;
    expect(opened.body).toMatchObject({ status: 'in_approval', awaiting: [{ step: 'after_sales_sign_off' }] });

    // R-GC-1 beside the chain: the dealer and the customer sign, OEM staff confirm.
    await post(`/claims/${id}/waiver`, director, { documentRef: 'DMS-WAIVER-7', signedAt: '2026-03-10T09:30:00Z' }).expect(200);
    tick();
    await post(`/claims/${id}/waiver/confirmation`, oem('oem_after_sales', 'as-confirm'), { comment: 'signed copy seen' }).expect(200);

    // R-GC-2: the five sign-offs in order; the step follows from the state and the role.
    const signers: [Role, string, string][] = [
      ['oem_after_sales', 'as-liu', 'after_sales_sign_off'],
      ['regional_service_manager', 'rsm-hu', 'regional_sign_off'],
      ['oem_general_manager', 'gm-xu', 'general_manager_sign_off'],
      ['product_liability', 'pl-song', 'leadership_submission'],
      ['oem_leadership', 'lead-ma', 'leadership_approval'],
    ];
    let last: { status: string } = opened.body;
    for (const [role, sub, step] of signers) {
      tick();
      const res = await post(`/claims/${id}/approvals`, oem(role, sub), { decision: 'approve', comment: `${step} ok` }).expect(200);
      expect(res.body.step).toBe(step);
      last = res.body;
    }
    // Approved at the final sign-off: the settlement is what waits; archive, the
    // materials request and the dealer's materials may come first (optional).
    expect(last).toMatchObject({
      status: 'approved',
      awaiting: [
        { step: 'archive', roles: ['product_liability'], optional: true },
        { step: 'materials_request', roles: ['regional_service_manager'], optional: true },
        { step: 'materials_submission', roles: ['service_director'], optional: true },
        { step: 'settlement', roles: ['product_liability'] },
      ],
    });

    tick();
    const sent = await post(`/claims/${id}/materials`, director, { documents: [{ kind: 'invoice', ref: 'INV-88' }, { kind: 'court_judgment', ref: 'CJ-2026-3' }] }).expect(200);
    expect(sent.body).toMatchObject({ step: 'materials_submission', status: 'materials_submitted' });

    tick();
    await post(`/claims/${id}/settlement`, oem('product_liability', 'pl-song'), { amount: 9000.01 }).expect(409);
    const settled = await post(`/claims/${id}/settlement`, oem('product_liability', 'pl-song'), { amount: 9000 }).expect(200);
    expect(settled.body).toMatchObject({ step: 'settlement', status: 'settled', awaiting: [] });

    const claim = await readClaim(id, oem('regional_service_manager', 'rsm-hu'));
    expect(claim).toMatchObject({
      id, type: 'goodwill_compensation', status: 'settled', amount: 9000, awaiting: [],
      waiver: { documentRef: 'DMS-WAIVER-7', signedBy: { actorId: 'sd-gao' }, confirmed: { actorId: 'as-confirm' } },
      materials: { requested: null, documents: [{ kind: 'invoice', ref: 'INV-88' }, { kind: 'court_judgment', ref: 'CJ-2026-3' }] },
      settlement: { amount: 9000, paidAs: 'parts_claim', countsInPerVehicleClaimCost: false, actorId: 'pl-song', role: 'product_liability' },
    });
    expect(claim.steps.map((s) => [s.step, s.decision, s.actorId, s.role, s.rule, s.implicit ?? false])).toEqual([
      ['application', 'submitted', 'sd-gao', 'service_director', 'R-GC-2', false],
      ['waiver_signing', 'done', 'sd-gao', 'service_director', 'R-GC-1', false],
      ['waiver_confirmation', 'done', 'as-confirm', 'oem_after_sales', 'R-GC-1', false],
      ['after_sales_sign_off', 'approve', 'as-liu', 'oem_after_sales', 'R-GC-2', false],
      ['regional_sign_off', 'approve', 'rsm-hu', 'regional_service_manager', 'R-GC-2', false],
      ['general_manager_sign_off', 'approve', 'gm-xu', 'oem_general_manager', 'R-GC-2', false],
      ['leadership_submission', 'approve', 'pl-song', 'product_liability', 'R-GC-2', false],
      ['leadership_approval', 'approve', 'lead-ma', 'oem_leadership', 'R-GC-2', false],
      ['materials_submission', 'done', 'sd-gao', 'service_director', 'R-GC-3', false],
      // R-GC-3 "archives … settles": the settling product liability actor, in the settlement's append.
      ['archive', 'done', 'pl-song', 'product_liability', 'R-GC-3', true],
      ['settlement', 'done', 'pl-song', 'product_liability', 'R-GC-3', false],
    ]);
    expectAudited(claim.steps);
    const [archive, settlement] = claim.steps.slice(-2);
    expect(archive).toMatchObject({ at: settlement.at, seenRevision: settlement.seenRevision, contentHash: settlement.contentHash });
    // Each step saw the content as it then was: the waiver and the materials changed it.
    const hash = (step: string) => claim.steps.find((s) => s.step === step)!.contentHash;
    expect(new Set([hash('application'), hash('waiver_signing'), hash('waiver_confirmation'), hash('materials_submission')]).size).toBe(4);

    const listed = await get('/claims?type=goodwill_compensation&status=settled', oem('regional_service_manager', 'rsm-hu')).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('goodwill warranty: request, review, verification, assessment, form, two signatures, audit, claims staff process and archive, settlement (R-GW-1, R-GW-2)', async () => {
    const advisor = dealer('service_advisor', 'sa-wei');
    const director = dealer('service_director', 'sd-gao');
    const fieldRep = oem('field_service_rep', 'fsr-zhu');
    const technicalManager = oem('field_technical_manager', 'ftm-guo');
    const claimsStaff = oem('claims_staff', 'cs-yang');
    const customer = await post('/customers', advisor, { name: '孙主编', phone: '13600136000' }).expect(201);
    const customerId = customer.body.id as string;
    // Delivered in 2022 with 24 months of warranty: out of warranty by time (R-GW-1).
    await post(`/customers/${customerId}/vehicles`, advisor, {
      vin: OLD_VIN, plate: '川A20002', model: 'Sagitar', purchaseDate: '2022-01-05', deliveredAt: '2022-01-10', warrantyMonths: 24, warrantyKm: 60000,
    }).expect(201);
    await post(`/customers/${customerId}/sensitive-flags`, dealer('customer_service_manager', 'csm-ye'), { kind: 'media', reason: 'editor of the city paper' }).expect(200);

    tick();
    const opened = await post('/claims/goodwill-warranty', advisor, { customerId, vin: OLD_VIN, failureDescription: 'DSG gearbox slips in second gear' }).expect(201);
    const id = opened.body.id as string;
    expect(opened.body).toMatchObject({ status: 'requested', awaiting: [{ step: 'director_review', roles: ['service_director'] }] });

    tick();
    expect((await post(`/claims/${id}/approvals`, director, { decision: 'approve', comment: 'meets the goodwill criteria' }).expect(200)).body).toMatchObject({ step: 'director_review', status: 'in_verification' });
    tick();
    await post(`/claims/${id}/vehicle-verification`, fieldRep, { findings: 'slip reproduced on the test drive' }).expect(200);
    tick();
    await post(`/claims/${id}/technical-assessment`, technicalManager, { qualityIssue: true, naturalDisaster: false, findings: 'clutch K2 worn: a known quality defect' }).expect(200);
    tick();
    await post(`/claims/${id}/approval-form`, director, { amount: 6200 }).expect(200);
    tick();
    await post(`/claims/${id}/approvals`, technicalManager, { decision: 'approve' }).expect(200);
    await post(`/claims/${id}/approvals`, fieldRep, { decision: 'approve' }).expect(200);
    tick();
    const audited = await post(`/claims/${id}/approvals`, oem('oem_after_sales', 'as-luo'), { decision: 'approve', comment: 'technical audit passed' }).expect(200);
    expect(audited.body).toMatchObject({ step: 'technical_audit', status: 'approved', awaiting: [{ step: 'archive', roles: ['claims_staff'] }] });

    // R-GW-2 "claims staff process and archive": the step follows from the state and the role.
    tick();
    expect((await post(`/claims/${id}/approvals`, claimsStaff, { decision: 'reject', comment: 'no' }).expect(409)).body.code).toBe('CLAIM.DECISION_NOT_APPLICABLE');
    const processed = await post(`/claims/${id}/approvals`, claimsStaff, { decision: 'approve', comment: 'processed and filed' }).expect(200);
    expect(processed.body).toMatchObject({ step: 'archive', status: 'result_notified', awaiting: [{ step: 'settlement', roles: ['claims_staff'] }] });

    tick();
    const settled = await post(`/claims/${id}/settlement`, claimsStaff, { amount: 6200 }).expect(200);
    expect(settled.body).toMatchObject({ step: 'settlement', status: 'settled', awaiting: [] });

    const claim = await readClaim(id, fieldRep);
    expect(claim).toMatchObject({
      id, type: 'goodwill_warranty', status: 'settled', amount: 6200, currency: 'CNY', customerId, vin: OLD_VIN, region: 'west', awaiting: [],
      settlement: { amount: 6200, paidAs: 'warranty_claim', countsInPerVehicleClaimCost: true, actorId: 'cs-yang', role: 'claims_staff' },
    });
    expect(claim.steps.map((s) => [s.step, s.decision, s.actorId, s.role, s.implicit ?? false])).toEqual([
      ['request', 'submitted', 'sa-wei', 'service_advisor', false],
      ['director_review', 'approve', 'sd-gao', 'service_director', false],
      ['vehicle_verification', 'done', 'fsr-zhu', 'field_service_rep', false],
      ['technical_assessment', 'done', 'ftm-guo', 'field_technical_manager', false],
      ['approval_form', 'done', 'sd-gao', 'service_director', false],
      ['technical_manager_sign_off', 'approve', 'ftm-guo', 'field_technical_manager', false],
      ['field_service_rep_sign_off', 'approve', 'fsr-zhu', 'field_service_rep', false],
      ['technical_audit', 'approve', 'as-luo', 'oem_after_sales', false],
      ['archive', 'done', 'cs-yang', 'claims_staff', false],
      // "result passed to the field service rep": recorded with the archive, under the claims staff actor.
      ['result_notification', 'done', 'cs-yang', 'claims_staff', true],
      ['settlement', 'done', 'cs-yang', 'claims_staff', false],
    ]);
    expectAudited(claim.steps);
    const [archive, notified] = claim.steps.slice(-3, -1);
    expect(archive).toMatchObject({ comment: 'processed and filed', rule: 'R-GW-2' });
    expect(notified).toMatchObject({ at: archive.at, seenRevision: archive.seenRevision, contentHash: archive.contentHash, rule: 'R-GW-2' });

    const listed = await get('/claims?type=goodwill_warranty&status=settled', claimsStaff).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('used no endpoint that API.md does not list', () => {
    expect(used.length).toBeGreaterThan(30);
    const outside = used.filter(([verb, path]) => !API_MD_ENDPOINTS.some(([v, re]) => v === verb && re.test(path)));
    expect(outside).toEqual([]);
  });
});
