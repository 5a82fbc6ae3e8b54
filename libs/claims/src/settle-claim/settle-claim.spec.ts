import type { ClaimArchived, ClaimSettled } from '../domain/claim.events';
import { statusOf } from '../domain/claim-progress';
import { approve, approvedCompensation, at, fold, run, spec, step, warrantyWithForm } from '../testing/claim-history.fixture';

const compensationReady = run(
  [
    { kind: 'ArchiveClaim', ...step('product_liability'), comment: null },
    { kind: 'RequestMaterials', ...step('regional_service_manager'), kinds: ['invoice'], note: null },
    { kind: 'SubmitMaterials', ...step('service_director'), documents: [{ kind: 'invoice', ref: 'INV-1' }] },
  ],
  approvedCompensation(),
);
const warrantyReady = run(
  [
    approve('field_technical_manager'),
    approve('field_service_rep'),
    approve('oem_after_sales'),
    { kind: 'ArchiveClaim', ...step('claims_staff'), comment: 'processed' },
    { kind: 'NotifyClaimResult', ...step('field_technical_manager'), comment: null },
  ],
  warrantyWithForm(4800),
);
const settle = (role: 'product_liability' | 'claims_staff', amount: number, options = {}) => ({ kind: 'SettleClaim' as const, ...step(role, options), amount });

describe('settling a claim (R-GC-3, R-GW-2)', () => {
  it('pays goodwill compensation as a parts claim, outside the per-vehicle claim cost (R-GC-3)', () => {
    spec.given(compensationReady).when(at(compensationReady, settle('product_liability', 12000))).then(([event]) => {
      expect((event as ClaimSettled).data).toMatchObject({
        step: 'settlement', role: 'product_liability', type: 'goodwill_compensation', amount: 12000, approvedAmount: 12000,
        paidAs: 'parts_claim', countsInPerVehicleClaimCost: false, rule: 'R-GC-3', region: 'east', dealerId: 'D1',
      });
    });
    expect(statusOf(fold(run([settle('product_liability', 12000)], compensationReady)).progress!)).toBe('settled');
  });

  it('is settled by product liability only (R-GC-3): claims staff are refused (403)', () => {
    spec.given(compensationReady).when(at(compensationReady, settle('claims_staff', 12000))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it('never pays more than was approved', () => {
    spec.given(compensationReady).when(at(compensationReady, settle('product_liability', 12000.01))).thenThrows('CLAIM.SETTLEMENT_EXCEEDS_APPROVED');
  });

  it('comes after the materials once regional staff asked for them (R-GC-3 rests on the papers)', () => {
    const asked = compensationReady.slice(0, -1);
    const err = spec.given(asked).when(at(asked, settle('product_liability', 12000))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
    expect(err.details).toMatchObject({ awaiting: ['materials_submission'] });
  });

  it('settles right after the approval, archiving in the same append by the settling product liability actor (R-GC-3 "archives … settles")', () => {
    const approved = approvedCompensation();
    spec.given(approved).when(at(approved, settle('product_liability', 11000, { id: 'pl-zhao' }))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['ClaimArchived', 'ClaimSettled']);
      const [archived, settled] = events as [ClaimArchived, ClaimSettled];
      expect(archived.data).toMatchObject({ step: 'archive', actorId: 'pl-zhao', role: 'product_liability', implicit: true, claimRevision: 1, seenRevision: approved.length - 1, contentHash: fold(approved).contentHash });
      expect(settled.data).toMatchObject({ step: 'settlement', actorId: 'pl-zhao', amount: 11000, paidAs: 'parts_claim', rule: 'R-GC-3' });
    });
    expect(statusOf(fold(run([settle('product_liability', 11000)], approved)).progress!)).toBe('settled');
  });

  it('does not archive twice: an explicit archive stands (R-GC-3)', () => {
    spec.given(compensationReady).when(at(compensationReady, settle('product_liability', 12000))).then((events) => expect(events.map((e) => e.type)).toEqual(['ClaimSettled']));
  });

  it('waits for the approval (R-GC-2)', () => {
    const almost = approvedCompensation().slice(0, -1);
    spec.given(almost).when(at(almost, settle('product_liability', 1))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it('settles a goodwill warranty claim by claims staff as a warranty claim, counted in the per-vehicle claim cost (R-GW-2)', () => {
    spec.given(warrantyReady).when(at(warrantyReady, settle('claims_staff', 4800))).then(([event]) => {
      expect((event as ClaimSettled).data).toMatchObject({ type: 'goodwill_warranty', amount: 4800, approvedAmount: 4800, paidAs: 'warranty_claim', countsInPerVehicleClaimCost: true, rule: 'R-GW-2' });
    });
  });

  it('settles a goodwill warranty claim right after claims staff processed and archived it through the approvals (R-GW-2)', () => {
    const processed = run([approve('field_technical_manager'), approve('field_service_rep'), approve('oem_after_sales'), approve('claims_staff')], warrantyWithForm(4800));
    spec.given(processed).when(at(processed, settle('claims_staff', 4800))).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['ClaimSettled']);
    });
    const audited = processed.slice(0, -2);
    spec.given(audited).when(at(audited, settle('claims_staff', 4800))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it('is settled once', () => {
    const settled = run([settle('claims_staff', 4800)], warrantyReady);
    spec.given(settled).when(at(settled, settle('claims_staff', 1))).thenThrows('CLAIM.SETTLED');
  });
});
