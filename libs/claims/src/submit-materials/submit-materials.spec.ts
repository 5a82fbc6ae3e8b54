import type { MaterialsSubmitted } from '../domain/claim.events';
import { approvedCompensation, at, fold, run, spec, step } from '../testing/claim-history.fixture';

const requested = run(
  [
    { kind: 'ArchiveClaim', ...step('product_liability'), comment: null },
    { kind: 'RequestMaterials', ...step('regional_service_manager'), kinds: ['invoice', 'court_judgment'], note: 'the judgment of the district court' },
  ],
  approvedCompensation(),
);
const submit = (documents: { kind: 'invoice' | 'court_judgment' | 'settlement_statement'; ref: string }[], options = {}) => ({
  kind: 'SubmitMaterials' as const, ...step('service_director', options), documents,
});

describe("the dealer's materials (DOMAIN.md goodwill compensation step 5)", () => {
  it('records the documents and makes them part of the claim content', () => {
    spec.given(requested).when(at(requested, submit([{ kind: 'invoice', ref: 'INV-7' }, { kind: 'court_judgment', ref: 'CJ-2026-11' }]))).then(([event]) => {
      expect((event as MaterialsSubmitted).data).toMatchObject({ step: 'materials_submission', documents: [{ kind: 'invoice', ref: 'INV-7' }, { kind: 'court_judgment', ref: 'CJ-2026-11' }] });
      expect((event as MaterialsSubmitted).data.contentHash).not.toBe(fold(requested).contentHash);
    });
  });

  it('refuses papers missing a kind the region asked for', () => {
    const err = spec.given(requested).when(at(requested, submit([{ kind: 'invoice', ref: 'INV-7' }]))).thenThrows('CLAIM.MATERIALS_INCOMPLETE');
    expect(err.details).toEqual({ missing: ['court_judgment'] });
  });

  it('waits for the request of regional staff', () => {
    const archived = requested.slice(0, -1);
    spec.given(archived).when(at(archived, submit([{ kind: 'invoice', ref: 'INV-7' }]))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it("comes from the claim's own dealer (403 for another)", () => {
    spec.given(requested).when(at(requested, submit([{ kind: 'invoice', ref: 'x' }, { kind: 'court_judgment', ref: 'y' }], { dealerId: 'D9' }))).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
