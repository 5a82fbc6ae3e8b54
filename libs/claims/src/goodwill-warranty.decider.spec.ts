import type { ClaimEvent, StepStamp } from './domain/claim.events';
import { awaitingSteps, statusOf } from './domain/claim-progress';
import { approve, at, fold, requestWarranty, run, spec, step, type Pending } from './testing/claim-history.fixture';

/** R-GW-2, each step by its role, in the seed's order. */
const CHAIN: Pending[] = [
  requestWarranty(),
  approve('service_director'),
  { kind: 'VerifyVehicle', ...step('field_service_rep'), findings: 'judder reproduced on a cold start' },
  { kind: 'AssessFailure', ...step('field_technical_manager'), qualityIssue: true, naturalDisaster: false, findings: 'clutch pack defect' },
  { kind: 'FillApprovalForm', ...step('service_director'), amount: 4800, currency: 'CNY' },
  approve('field_technical_manager'),
  approve('field_service_rep'),
  approve('oem_after_sales'),
  { kind: 'ArchiveClaim', ...step('claims_staff'), comment: 'processed and filed' },
  { kind: 'NotifyClaimResult', ...step('field_technical_manager'), comment: 'result passed on' },
  { kind: 'SettleClaim', ...step('claims_staff'), amount: 4800 },
];

describe('the goodwill warranty chain end to end (R-GW-2)', () => {
  const full = run(CHAIN);

  it('takes every step of R-GW-2 in order, each by its role', () => {
    expect(full.map((e) => [(e.data as StepStamp).step, (e.data as StepStamp).role])).toEqual([
      ['request', 'service_advisor'],
      ['director_review', 'service_director'],
      ['vehicle_verification', 'field_service_rep'],
      ['technical_assessment', 'field_technical_manager'],
      ['approval_form', 'service_director'],
      ['technical_manager_sign_off', 'field_technical_manager'],
      ['field_service_rep_sign_off', 'field_service_rep'],
      ['technical_audit', 'oem_after_sales'],
      ['archive', 'claims_staff'],
      ['result_notification', 'field_technical_manager'],
      ['settlement', 'claims_staff'],
    ]);
    expect(statusOf(fold(full).progress!)).toBe('settled');
  });

  it('refuses every step taken before the one waiting (R-GW-2)', () => {
    for (let i = 1; i < CHAIN.length; i++) {
      const history = run(CHAIN.slice(0, i));
      const awaiting = awaitingSteps(fold(history).progress!).map((s) => s.step);
      for (let later = i + 1; later < CHAIN.length; later++) {
        const laterStep = (run(CHAIN.slice(0, later + 1)).at(-1)!.data as StepStamp).step;
        if (awaiting.includes(laterStep)) continue; // the two signatures wait together
        const command = { ...CHAIN[later], by: { ...(CHAIN[later] as { by: object }).by, id: `late-${later}` } } as Pending;
        spec.given(history).when(at(history, command as never)).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
      }
    }
  });

  it('shows what each step saw: the content grows with the verification, the assessment and the form', () => {
    const hashes = full.map((e: ClaimEvent) => (e.data as StepStamp).contentHash);
    expect(new Set(hashes.slice(0, 2)).size).toBe(1); // request, review: the same content
    expect(hashes[2]).not.toBe(hashes[1]); // + findings
    expect(hashes[3]).not.toBe(hashes[2]); // + assessment
    expect(hashes[4]).not.toBe(hashes[3]); // + approval form
    expect(new Set(hashes.slice(4)).size).toBe(1); // everyone after signs the form as filled
  });

  it('has no waiver, advance or materials', () => {
    const requested = run(CHAIN.slice(0, 1));
    spec.given(requested).when(at(requested, { kind: 'SignWaiver', ...step('service_director'), documentRef: 'W', signedAt: '2026-03-10T08:00:00.000Z' })).thenThrows('CLAIM.NOT_GOODWILL_COMPENSATION');
    spec.given(requested).when(at(requested, { kind: 'RequestMaterials', ...step('regional_service_manager'), kinds: ['invoice'], note: null })).thenThrows('CLAIM.STEP_NOT_IN_CHAIN');
  });

  it('passes the result to the field service rep by the field technical manager only (403 for claims staff)', () => {
    const archived = run(CHAIN.slice(0, 9));
    spec.given(archived).when(at(archived, { kind: 'NotifyClaimResult', ...step('claims_staff', { id: 'cs-2' }), comment: null })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('the goodwill warranty chain through the API.md endpoints only (R-GW-1, R-GW-2)', () => {
  // CHAIN up to the technical audit, then claims staff through POST /approvals, then the settlement.
  const apiOnly = run([...CHAIN.slice(0, 8), approve('claims_staff', { id: 'cs-ma' }, 'processed and filed'), { kind: 'SettleClaim', ...step('claims_staff', { id: 'cs-ma' }), amount: 4800 }]);

  it('has claims staff process and archive through the approvals, with the result passed to the field service rep in the same append, then settle (R-GW-2)', () => {
    expect(apiOnly.slice(8).map((e) => [e.type, (e.data as StepStamp).step, (e.data as StepStamp).actorId, (e.data as StepStamp).role])).toEqual([
      ['ClaimArchived', 'archive', 'cs-ma', 'claims_staff'],
      ['ClaimResultNotified', 'result_notification', 'cs-ma', 'claims_staff'],
      ['ClaimSettled', 'settlement', 'cs-ma', 'claims_staff'],
    ]);
    expect(apiOnly[9].data).toMatchObject({ implicit: true, notifiedRole: 'field_service_rep' });
    expect((apiOnly[8].data as StepStamp).seenRevision).toBe((apiOnly[9].data as StepStamp).seenRevision);
    expect(statusOf(fold(apiOnly.slice(0, 10)).progress!)).toBe('result_notified');
    expect(statusOf(fold(apiOnly).progress!)).toBe('settled');
  });
});
