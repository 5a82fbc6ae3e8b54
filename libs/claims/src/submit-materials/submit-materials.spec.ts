import type { MaterialKind, MaterialsSubmitted } from '../domain/claim.events';
import { requiredAwaitingSteps, statusOf } from '../domain/claim-progress';
import { applyCompensation, approve, approvedCompensation, at, fold, run, spec, step } from '../testing/claim-history.fixture';

const requested = run(
  [
    { kind: 'ArchiveClaim', ...step('product_liability'), comment: null },
    { kind: 'RequestMaterials', ...step('regional_service_manager'), kinds: ['invoice', 'court_judgment'], note: 'the judgment of the district court' },
  ],
  approvedCompensation(),
);
const submit = (documents: { kind: MaterialKind; ref: string }[], options = {}) => ({
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

  it('is accepted once the claim is approved, asked for or not (R-GC-3; API.md lists no request endpoint)', () => {
    const approved = approvedCompensation();
    spec.given(approved).when(at(approved, submit([{ kind: 'invoice', ref: 'INV-7' }]))).then(([event]) => {
      expect((event as MaterialsSubmitted).data).toMatchObject({ step: 'materials_submission', role: 'service_director', documents: [{ kind: 'invoice', ref: 'INV-7' }] });
      const after = fold([...approved, event]).progress!;
      expect(statusOf(after)).toBe('materials_submitted');
      expect(requiredAwaitingSteps(after).map((s) => s.step)).toEqual(['settlement']);
    });
    const archived = requested.slice(0, -1);
    spec.given(archived).when(at(archived, submit([{ kind: 'photo', ref: 'P-1' }]))).then((events) => expect(events).toHaveLength(1));
  });

  it('waits for the approval (R-GC-2)', () => {
    const signing = run([applyCompensation(), approve('oem_after_sales')]);
    spec.given(signing).when(at(signing, submit([{ kind: 'invoice', ref: 'INV-7' }]))).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it('makes the settlement wait once regional staff asked for materials (R-GC-3)', () => {
    expect(requiredAwaitingSteps(fold(requested).progress!).map((s) => s.step)).toEqual(['materials_submission']);
    expect(statusOf(fold(requested).progress!)).toBe('materials_requested');
  });

  it('closes the request once the papers are in: regional staff ask before the dealer sends', () => {
    const sent = run([submit([{ kind: 'invoice', ref: 'INV-7' }])], approvedCompensation());
    spec.given(sent).when(at(sent, { kind: 'RequestMaterials', ...step('regional_service_manager'), kinds: ['court_judgment'], note: null })).thenThrows('CLAIM.STEP_OUT_OF_ORDER');
  });

  it("comes from the claim's own dealer (403 for another)", () => {
    spec.given(requested).when(at(requested, submit([{ kind: 'invoice', ref: 'x' }, { kind: 'court_judgment', ref: 'y' }], { dealerId: 'D9' }))).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
