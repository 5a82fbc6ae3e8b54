import type { ClaimRevised } from '../domain/claim.events';
import { awaitingSteps, statusOf } from '../domain/claim-progress';
import { applyCompensation, approve, approvedCompensation, at, fold, reject, run, spec, step, warrantyWithForm } from '../testing/claim-history.fixture';
import type { ReviseClaim } from './revise-claim.command';

const revision = (over: Partial<ReviseClaim> = {}) => ({
  kind: 'ReviseClaim' as const,
  ...step('service_director'),
  amount: 10000,
  currency: null,
  breakdown: [{ kind: 'repair' as const, description: 'engine repair', amount: 10000 }],
  comment: 'rental car removed',
  ...over,
});

describe('revising a rejected application (R-GC-2: a rejection is final unless revised)', () => {
  const rejected = run([applyCompensation(), approve('oem_after_sales'), reject('regional_service_manager', 'the rental car is consequential')]);

  it('opens a new round that resets every sign-off of the old content', () => {
    spec.given(rejected).when(at(rejected, revision())).then(([event]) => {
      const d = (event as ClaimRevised).data;
      expect(d).toMatchObject({ step: 'application', claimRevision: 2, amount: 10000, currency: 'CNY', rejectedStep: 'regional_sign_off', previousContentHash: fold(rejected).contentHash });
      expect(d.resetSteps).toEqual(['after_sales_sign_off', 'regional_sign_off', 'general_manager_sign_off', 'leadership_submission', 'leadership_approval']);
      expect(d.contentHash).not.toBe(d.previousContentHash);
    });
    const revised = run([revision()], rejected);
    expect(statusOf(fold(revised).progress!)).toBe('in_approval');
    expect(awaitingSteps(fold(revised).progress!).map((s) => s.step)).toEqual(['after_sales_sign_off']);
  });

  it('makes the earlier approvals count for nothing: the after-sales staff sign again, on the new content', () => {
    const revised = run([revision()], rejected);
    spec.given(revised).when(at(revised, approve('regional_service_manager'))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    spec.given(revised).when(at(revised, approve('oem_after_sales'))).then(([event]) => {
      expect(event.data).toMatchObject({ step: 'after_sales_sign_off', claimRevision: 2, contentHash: fold(revised).contentHash });
    });
  });

  it('checks the revised breakdown like the first application (direct costs only)', () => {
    spec.given(rejected).when(at(rejected, revision({ amount: 500, breakdown: [{ kind: 'consequential', description: 'lost income', amount: 500 }] }))).thenThrows('CLAIM.CONSEQUENTIAL_COSTS');
  });

  it('is the service director’s', () => {
    spec.given(rejected).when(at(rejected, revision({ by: { id: 'csm', role: 'customer_service_manager', dealerId: 'D1' } }))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it('cannot change an application the chain has approved', () => {
    const approved = approvedCompensation();
    spec.given(approved).when(at(approved, revision())).thenThrows('CLAIM.NOT_REVISABLE');
  });
});

describe('revising a goodwill warranty approval form (R-GW-2)', () => {
  it('resets the two signatures and the audit, and keeps the review, verification and assessment', () => {
    const rejected = run([approve('field_service_rep'), approve('field_technical_manager'), reject('oem_after_sales', 'labour hours too high')], warrantyWithForm());
    const revised = run([revision({ amount: 4200, breakdown: null })], rejected);
    const state = fold(revised);
    expect(state.amount).toBe(4200);
    expect(state.progress!.done).toEqual(['request', 'director_review', 'vehicle_verification', 'technical_assessment', 'approval_form']);
    expect(awaitingSteps(state.progress!).map((s) => s.step)).toEqual(['technical_manager_sign_off', 'field_service_rep_sign_off']);
  });

  it('refuses a breakdown on a warranty form', () => {
    const formed = warrantyWithForm();
    spec.given(formed).when(at(formed, revision())).thenThrows('CLAIM.BREAKDOWN_NOT_APPLICABLE');
  });

  it('keeps a rejection at the first review final: there is no form to revise', () => {
    const rejected = run([reject('service_director', 'not a sensitive case after all')], warrantyWithForm().slice(0, 1));
    spec.given(rejected).when(at(rejected, revision({ breakdown: null }))).thenThrows('CLAIM.REJECTION_FINAL');
  });
});
