import type { ClaimHandedBackToComplaintHandling, ClaimRefused, TechnicalAssessmentMade } from '../domain/claim.events';
import { statusOf } from '../domain/claim-progress';
import { approve, at, fold, requestWarranty, run, spec, step } from '../testing/claim-history.fixture';

const verified = run([requestWarranty(), approve('service_director'), { kind: 'VerifyVehicle', ...step('field_service_rep'), findings: 'water line at the sills' }]);
const assess = (qualityIssue: boolean, naturalDisaster: boolean) => ({
  kind: 'AssessFailure' as const, ...step('field_technical_manager'), qualityIssue, naturalDisaster, findings: 'engine ingested flood water',
});

describe('the technical assessment (R-GW-1: a quality problem, never a natural disaster)', () => {
  it('records a quality problem and moves on to the approval form', () => {
    spec.given(verified).when(at(verified, assess(true, false))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['TechnicalAssessmentMade']);
      expect((events[0] as TechnicalAssessmentMade).data).toMatchObject({ step: 'technical_assessment', role: 'field_technical_manager', qualityIssue: true, naturalDisaster: false });
      expect(statusOf(fold([...verified, ...events]).progress!)).toBe('awaiting_approval_form');
    });
  });

  it('refuses natural-disaster damage with CLAIM.NATURAL_DISASTER and hands the case back to complaint handling (R-GW-1)', () => {
    spec.given(verified).when(at(verified, assess(true, true))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['TechnicalAssessmentMade', 'ClaimRefused', 'ClaimHandedBackToComplaintHandling']);
      expect((events[1] as ClaimRefused).data).toMatchObject({ code: 'CLAIM.NATURAL_DISASTER', rule: 'R-GW-1' });
      expect((events[2] as ClaimHandedBackToComplaintHandling).data).toMatchObject({
        dealerId: 'D1', customerId: 'cust-1', vin: 'LSVAU2180N2183294', reason: 'natural_disaster', failureDescription: 'gearbox judders when cold',
        findings: 'engine ingested flood water', handedBackTo: 'customer_service_manager', rule: 'R-GW-1',
      });
      expect(statusOf(fold([...verified, ...events]).progress!)).toBe('refused');
    });
  });

  it('refuses a failure that is not a quality problem with CLAIM.NOT_QUALITY_PROBLEM (R-GW-1)', () => {
    spec.given(verified).when(at(verified, assess(false, false))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['TechnicalAssessmentMade', 'ClaimRefused']);
      expect((events[1] as ClaimRefused).data.code).toBe('CLAIM.NOT_QUALITY_PROBLEM');
    });
  });

  it('takes no step after a refusal', () => {
    const refused = run([assess(true, true)], verified);
    spec.given(refused).when(at(refused, { kind: 'FillApprovalForm', ...step('service_director'), amount: 100, currency: null })).thenThrows('CLAIM.REFUSED');
  });

  it('comes after the vehicle verification (R-GW-2)', () => {
    const reviewed = verified.slice(0, 2);
    spec.given(reviewed).when(at(reviewed, assess(true, false))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it('is the field technical manager’s to decide (403 for the field service rep)', () => {
    spec.given(verified).when(at(verified, { ...assess(true, false), ...step('field_service_rep') })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
