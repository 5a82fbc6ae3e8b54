import type { WaiverSigned } from '../domain/claim.events';
import { applyCompensation, at, fold, run, spec, step, warrantyWithForm } from '../testing/claim-history.fixture';

const applied = run([applyCompensation()]);
const sign = (over: object = {}) => ({ kind: 'SignWaiver' as const, ...step('service_director'), documentRef: 'DMS-WAIVER-0042', signedAt: '2026-03-10T08:00:00.000Z', ...over });

describe('signing the waiver (R-GC-1)', () => {
  it('records the document, when the dealer and customer signed, and who recorded it', () => {
    spec.given(applied).when(at(applied, sign())).then(([event]) => {
      expect((event as WaiverSigned).data).toMatchObject({ documentRef: 'DMS-WAIVER-0042', signedAt: '2026-03-10T08:00:00.000Z', actorId: 'service_director-1', role: 'service_director', rule: 'R-GC-1' });
    });
  });

  it('makes the waiver part of the claim content, so later sign-offs show they saw it', () => {
    const signed = run([sign()], applied);
    expect(fold(signed).contentHash).not.toBe(fold(applied).contentHash);
  });

  it('is signed once', () => {
    const signed = run([sign()], applied);
    spec.given(signed).when(at(signed, sign())).thenThrows('CLAIM.WAIVER_ALREADY_SIGNED');
  });

  it('cannot be dated in the future', () => {
    spec.given(applied).when(at(applied, sign({ signedAt: '2026-03-11T00:00:00.000Z' }))).thenThrows('CLAIM.IN_FUTURE');
  });

  it("is signed for the claim's own dealer only (403)", () => {
    spec.given(applied).when(at(applied, sign(step('service_director', { dealerId: 'D2' })))).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('belongs to goodwill compensation only', () => {
    const warranty = warrantyWithForm();
    spec.given(warranty).when(at(warranty, sign())).thenThrows('CLAIM.NOT_GOODWILL_COMPENSATION');
  });
});
