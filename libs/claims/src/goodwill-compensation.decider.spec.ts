import type { ClaimEvent, StepStamp } from './domain/claim.events';
import { awaitingSteps, statusOf } from './domain/claim-progress';
import { applyCompensation, approve, approvedCompensation, at, COMPENSATION_SIGN_OFFS, fold, run, spec, step } from './testing/claim-history.fixture';

const stamps = (events: ClaimEvent[]) => events.map((e) => e.data as StepStamp);

describe('the goodwill compensation chain end to end (R-GC-1, R-GC-2, R-GC-3)', () => {
  // Every optional step taken explicitly (the extensions /archive and /materials/request).
  const full = run(
    [
      { kind: 'SignWaiver', ...step('service_director'), documentRef: 'W-1', signedAt: '2026-03-10T08:00:00.000Z' },
      { kind: 'ConfirmWaiver', ...step('oem_after_sales', { id: 'as-confirm' }), comment: null },
      { kind: 'RecordAdvancePayment', ...step('service_director'), amount: 2000, paidAt: '2026-03-10T09:00:00.000Z' },
      { kind: 'ArchiveClaim', ...step('product_liability', { id: 'pl-archive' }), comment: 'filed' },
      { kind: 'RequestMaterials', ...step('regional_service_manager', { id: 'rsm-2' }), kinds: ['invoice', 'settlement_statement'], note: null },
      { kind: 'SubmitMaterials', ...step('service_director'), documents: [{ kind: 'invoice', ref: 'INV-1' }, { kind: 'settlement_statement', ref: 'SS-1' }] },
      { kind: 'SettleClaim', ...step('product_liability', { id: 'pl-settle' }), amount: 12000 },
    ],
    approvedCompensation(),
  );

  it('walks application, five sign-offs, archive, materials and settlement, each status in turn', () => {
    const statuses = full.map((_, i) => statusOf(fold(full.slice(0, i + 1)).progress!));
    expect(statuses).toEqual([
      'in_approval', 'in_approval', 'in_approval', 'in_approval', 'in_approval', 'approved', // application + 5 sign-offs
      'approved', 'approved', 'approved', // waiver signed, confirmed, advance: beside the chain
      'archived', 'materials_requested', 'materials_submitted', 'settled',
    ]);
  });

  it('stamps every step with who, role, when, round and a content hash (DOMAIN.md "Audit")', () => {
    for (const s of stamps(full)) {
      expect(s.actorId).toEqual(expect.any(String));
      expect(s.role).toEqual(expect.any(String));
      expect(s.at).toBe('2026-03-10T09:00:00.000Z');
      expect(s.claimRevision).toBe(1);
      expect(s.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('archives by product liability only after leadership approved (R-GC-2)', () => {
    const almost = run([applyCompensation(), approve('oem_after_sales'), approve('regional_service_manager'), approve('oem_general_manager'), approve('product_liability')]);
    spec.given(almost).when(at(almost, { kind: 'ArchiveClaim', ...step('product_liability', { id: 'pl-2' }), comment: null })).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    expect(awaitingSteps(fold(almost).progress!).map((s) => [s.step, s.roles])).toEqual([['leadership_approval', ['oem_leadership']]]);
  });

  it('has regional staff ask for the materials after the archive (DOMAIN.md step 5)', () => {
    const archived = run([{ kind: 'ArchiveClaim', ...step('product_liability'), comment: null }], approvedCompensation());
    spec.given(archived).when(at(archived, { kind: 'RequestMaterials', ...step('product_liability', { id: 'pl-9' }), kinds: ['invoice'], note: null })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
    spec.given(archived).when(at(archived, { kind: 'RequestMaterials', ...step('regional_service_manager', { id: 'rsm-9' }), kinds: ['invoice', 'invoice'], note: null })).then(([event]) => {
      expect(event.data).toMatchObject({ step: 'materials_request', kinds: ['invoice'] });
    });
  });

  it('has no goodwill-warranty steps', () => {
    const applied = run([applyCompensation()]);
    spec.given(applied).when(at(applied, { kind: 'VerifyVehicle', ...step('field_service_rep'), findings: 'x' })).thenThrows('CLAIM.STEP_NOT_IN_CHAIN');
  });

  it('records the advance in the settlement: what the dealer already paid the customer (DOMAIN.md step 1)', () => {
    expect(full.at(-1)!.data).toMatchObject({ advancedByDealer: 2000, paidAs: 'parts_claim' });
  });
});

describe('the goodwill compensation chain through the API.md endpoints only (R-GC-1, R-GC-2, R-GC-3)', () => {
  const apiOnly = run([
    applyCompensation(),
    { kind: 'SignWaiver', ...step('service_director'), documentRef: 'W-1', signedAt: '2026-03-10T08:00:00.000Z' },
    { kind: 'ConfirmWaiver', ...step('oem_after_sales', { id: 'as-confirm' }), comment: null },
    ...COMPENSATION_SIGN_OFFS.map((r) => approve(r)),
    { kind: 'SubmitMaterials', ...step('service_director'), documents: [{ kind: 'invoice', ref: 'INV-1' }] },
    { kind: 'SettleClaim', ...step('product_liability', { id: 'pl-settle' }), amount: 12000 },
  ]);

  it('approves at the final sign-off, takes the unasked materials, and settles, archiving implicitly by the settling product liability actor (R-GC-2, R-GC-3)', () => {
    expect(apiOnly.map((e) => [e.type, (e.data as StepStamp).step ?? null, (e.data as StepStamp).actorId])).toEqual([
      ['GoodwillCompensationApplied', 'application', 'service_director-1'],
      ['WaiverSigned', null, 'service_director-1'],
      ['WaiverConfirmed', null, 'as-confirm'],
      ['ClaimStepApproved', 'after_sales_sign_off', 'oem_after_sales-1'],
      ['ClaimStepApproved', 'regional_sign_off', 'regional_service_manager-1'],
      ['ClaimStepApproved', 'general_manager_sign_off', 'oem_general_manager-1'],
      ['ClaimStepApproved', 'leadership_submission', 'product_liability-1'],
      ['ClaimStepApproved', 'leadership_approval', 'oem_leadership-1'],
      ['MaterialsSubmitted', 'materials_submission', 'service_director-1'],
      ['ClaimArchived', 'archive', 'pl-settle'],
      ['ClaimSettled', 'settlement', 'pl-settle'],
    ]);
    expect(apiOnly.at(-2)!.data).toMatchObject({ implicit: true, role: 'product_liability' });
    const statuses = apiOnly.map((_, i) => statusOf(fold(apiOnly.slice(0, i + 1)).progress!));
    expect(statuses.slice(7)).toEqual(['approved', 'materials_submitted', 'materials_submitted', 'settled']);
  });

  it('settles straight after the approval too: materials are optional unless asked for (R-GC-3)', () => {
    const approved = approvedCompensation();
    const events = run([{ kind: 'SettleClaim', ...step('product_liability'), amount: 12000 }], approved);
    expect(events.slice(approved.length).map((e) => e.type)).toEqual(['ClaimArchived', 'ClaimSettled']);
    expect(statusOf(fold(events).progress!)).toBe('settled');
  });

  it('stamps the implicit archive like every step: who, role, when, round, revision seen, content hash (DOMAIN.md "Audit")', () => {
    const archived = apiOnly.at(-2)!.data as StepStamp;
    const settled = apiOnly.at(-1)!.data as StepStamp;
    expect(archived).toMatchObject({ at: settled.at, claimRevision: 1, seenRevision: settled.seenRevision, contentHash: settled.contentHash });
  });
});
