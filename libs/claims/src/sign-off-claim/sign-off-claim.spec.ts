import type { ClaimArchived, ClaimResultNotified, ClaimStepApproved, ClaimStepRejected } from '../domain/claim.events';
import { awaitingSteps, requiredAwaitingSteps, statusOf } from '../domain/claim-progress';
import { applyCompensation, approve, at, COMPENSATION_SIGN_OFFS, fold, reject, run, spec, step, warrantyWithForm } from '../testing/claim-history.fixture';

const applied = run([applyCompensation()]);

describe('signing off a goodwill compensation claim (R-GC-2)', () => {
  it('takes the five sign-offs in their order: after-sales, regional manager, general manager, product liability, leadership', () => {
    const events = run([applyCompensation(), ...COMPENSATION_SIGN_OFFS.map((r) => approve(r))]);
    expect(events.slice(1).map((e) => [(e as ClaimStepApproved).data.step, (e as ClaimStepApproved).data.role])).toEqual([
      ['after_sales_sign_off', 'oem_after_sales'],
      ['regional_sign_off', 'regional_service_manager'],
      ['general_manager_sign_off', 'oem_general_manager'],
      ['leadership_submission', 'product_liability'],
      ['leadership_approval', 'oem_leadership'],
    ]);
    // Approved: the settlement is what the chain waits for; archive, the materials
    // request and the dealer's materials may be taken before it (R-GC-3).
    expect(statusOf(fold(events).progress!)).toBe('approved');
    expect(awaitingSteps(fold(events).progress!).map((s) => s.step)).toEqual(['archive', 'materials_request', 'materials_submission', 'settlement']);
    expect(requiredAwaitingSteps(fold(events).progress!).map((s) => s.step)).toEqual(['settlement']);
  });

  it('records who signed, in which role, when, in which round, the content hash signed and the revision seen (R-GC-2)', () => {
    spec.given(applied).when(at(applied, approve('oem_after_sales', { id: 'as-wu' }, 'direct costs checked'))).then(([event]) => {
      expect(event).toEqual({
        type: 'ClaimStepApproved',
        data: {
          claimId: 'claim-1', step: 'after_sales_sign_off', actorId: 'as-wu', role: 'oem_after_sales', at: '2026-03-10T09:00:00.000Z',
          claimRevision: 1, contentHash: fold(applied).contentHash, seenRevision: 0, comment: 'direct costs checked', rule: 'R-GC-2',
        },
      });
    });
  });

  it('refuses a role whose sign-off is not next as out of order (409)', () => {
    const err = spec.given(applied).when(at(applied, approve('regional_service_manager'))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    expect(err.kind).toBe('conflict');
    expect(err.details).toMatchObject({ awaiting: ['after_sales_sign_off'] });
  });

  it('refuses a role that signs nothing in this chain (403): the right step, the wrong role', () => {
    expect(spec.given(applied).when(at(applied, approve('claims_staff'))).thenThrows('AUTH.ROLE_NOT_ALLOWED').kind).toBe('forbidden');
    expect(spec.given(applied).when(at(applied, approve('service_advisor'))).thenThrows('AUTH.ROLE_NOT_ALLOWED').kind).toBe('forbidden');
  });

  it("refuses OEM staff of another region (403)", () => {
    expect(spec.given(applied).when(at(applied, approve('oem_after_sales', { region: 'south' }))).thenThrows('AUTH.OUT_OF_SCOPE').kind).toBe('forbidden');
  });

  it('lets any step reject, with its reason (R-GC-2)', () => {
    const history = run([applyCompensation(), approve('oem_after_sales')]);
    spec.given(history).when(at(history, reject('regional_service_manager', 'the rental car is a consequential cost'))).then(([event]) => {
      expect(event.type).toBe('ClaimStepRejected');
      expect((event as ClaimStepRejected).data).toMatchObject({ step: 'regional_sign_off', comment: 'the rental car is a consequential cost', claimRevision: 1 });
    });
  });

  it('refuses a rejection without a reason', () => {
    spec.given(applied).when(at(applied, { ...reject('oem_after_sales', ' ') })).thenThrows('CLAIM.REASON_REQUIRED');
  });

  it('makes a rejection final: no later step signs until the application is revised', () => {
    const history = run([applyCompensation(), reject('oem_after_sales', 'no waiver on file')]);
    spec.given(history).when(at(history, approve('oem_after_sales', { id: 'as-2' }))).thenThrows('CLAIM.REJECTED');
    spec.given(history).when(at(history, approve('regional_service_manager'))).thenThrows('CLAIM.REJECTED');
  });

  it('refuses the same person signing two steps of one round', () => {
    const history = run([applyCompensation(), approve('oem_after_sales', { id: 'p-1' })]);
    spec.given(history).when(at(history, approve('regional_service_manager', { id: 'p-1' }))).thenThrows('CLAIM.SAME_SIGNATORY');
  });

  it('refuses a sign-off of content the approver did not see (stale contentHash)', () => {
    spec.given(applied).when(at(applied, { ...approve('oem_after_sales'), seenContentHash: 'sha256:' + '0'.repeat(64) })).thenThrows('CLAIM.CONTENT_CHANGED');
    spec.given(applied).when(at(applied, { ...approve('oem_after_sales'), seenContentHash: fold(applied).contentHash })).then((events) => expect(events).toHaveLength(1));
  });

  it('refuses a second sign-off of a step already signed', () => {
    const history = run([applyCompensation(), approve('oem_after_sales')]);
    spec.given(history).when(at(history, approve('oem_after_sales', { id: 'as-2' }))).thenThrows('CLAIM.STEP_ALREADY_DONE');
  });
});

describe('signing off a goodwill warranty claim (R-GW-2)', () => {
  it("starts with the service director's first review", () => {
    const requested = run([{ kind: 'RequestGoodwillWarranty', ...step('service_advisor'), customerId: 'cust-1', vin: 'LSVAU2180N2183294', failureDescription: 'x', customer: { customerId: 'cust-1', dealerId: 'D1', sensitiveKinds: ['vip'] }, vehicle: { vin: 'LSVAU2180N2183294', customerId: 'cust-1', dealerId: 'D1', warrantyEndsAt: '2025-01-01T00:00:00.000Z', warrantyKm: 40000, lastOdometerKm: null }, dealerRegion: 'east' }]);
    spec.given(requested).when(at(requested, approve('service_director'))).then(([event]) => expect((event as ClaimStepApproved).data.step).toBe('director_review'));
    spec.given(requested).when(at(requested, approve('field_service_rep'))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it('takes the field technical manager and the field service rep signatures in either order, then the technical audit', () => {
    const formed = warrantyWithForm();
    spec.given(formed).when(at(formed, approve('oem_after_sales'))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    const repFirst = run([approve('field_service_rep'), approve('field_technical_manager'), approve('oem_after_sales')], formed);
    const managerFirst = run([approve('field_technical_manager'), approve('field_service_rep'), approve('oem_after_sales')], formed);
    for (const events of [repFirst, managerFirst]) {
      expect(events.slice(-3).map((e) => (e as ClaimStepApproved).data.step).sort()).toEqual(['field_service_rep_sign_off', 'technical_audit', 'technical_manager_sign_off']);
      expect(awaitingSteps(fold(events).progress!).map((s) => s.step)).toEqual(['archive']);
    }
  });

  it('refuses the technical audit by OEM after-sales of another region (403)', () => {
    const signed = run([approve('field_service_rep'), approve('field_technical_manager')], warrantyWithForm());
    spec.given(signed).when(at(signed, approve('oem_after_sales', { region: 'north' }))).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it("refuses a service director of another dealer at the first review (403)", () => {
    const requested = warrantyWithForm().slice(0, 1);
    spec.given(requested).when(at(requested, approve('service_director', { dealerId: 'D2' }))).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});

describe("claims staff process and archive through the approvals endpoint (R-GW-2)", () => {
  const audited = run([approve('field_service_rep'), approve('field_technical_manager'), approve('oem_after_sales')], warrantyWithForm());

  it('records the archive and, in the same append, the result passed to the field service rep, both under the claims staff actor', () => {
    spec.given(audited).when(at(audited, approve('claims_staff', { id: 'cs-ma' }, 'processed'))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['ClaimArchived', 'ClaimResultNotified']);
      const [archived, notified] = events as [ClaimArchived, ClaimResultNotified];
      expect(archived.data).toMatchObject({ step: 'archive', actorId: 'cs-ma', role: 'claims_staff', comment: 'processed', claimRevision: 1, seenRevision: audited.length - 1 });
      expect(archived.data.implicit).toBeUndefined();
      expect(notified.data).toMatchObject({ step: 'result_notification', actorId: 'cs-ma', role: 'claims_staff', notifiedRole: 'field_service_rep', implicit: true, seenRevision: audited.length - 1 });
      // Neither changes the claim's content: both carry the hash of the form as audited.
      expect(archived.data.contentHash).toBe(fold(audited).contentHash);
      expect(notified.data.contentHash).toBe(fold(audited).contentHash);
      const after = fold([...audited, ...events]).progress!;
      expect(statusOf(after)).toBe('result_notified');
      expect(awaitingSteps(after).map((s) => [s.step, s.roles])).toEqual([['settlement', ['claims_staff']]]);
    });
  });

  it('is processing, not a sign-off: a reject is refused (409 CLAIM.DECISION_NOT_APPLICABLE)', () => {
    spec.given(audited).when(at(audited, reject('claims_staff', 'no'))).thenThrows('CLAIM.DECISION_NOT_APPLICABLE');
  });

  it('waits for the technical audit, and is taken once', () => {
    const signed = audited.slice(0, -1);
    spec.given(signed).when(at(signed, approve('claims_staff'))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    const archived = run([approve('claims_staff')], audited);
    spec.given(archived).when(at(archived, approve('claims_staff', { id: 'cs-2' }))).thenThrows('CLAIM.STEP_ALREADY_DONE');
    spec.given(archived).when(at(archived, { kind: 'NotifyClaimResult', ...step('field_technical_manager'), comment: null })).thenThrows('CLAIM.STEP_ALREADY_DONE');
  });
});
