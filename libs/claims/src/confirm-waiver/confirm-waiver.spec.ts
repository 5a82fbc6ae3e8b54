import type { WaiverConfirmed } from '../domain/claim.events';
import { applyCompensation, at, run, spec, step } from '../testing/claim-history.fixture';

const applied = run([applyCompensation()]);
const signed = run([{ kind: 'SignWaiver', ...step('service_director'), documentRef: 'W-1', signedAt: '2026-03-10T08:00:00.000Z' }], applied);
const confirm = (over: object = {}) => ({ kind: 'ConfirmWaiver' as const, ...step('oem_after_sales'), comment: 'checked on site', ...over });

describe('confirming the waiver (R-GC-1: OEM staff confirm it)', () => {
  it("records the OEM after-sales staff's confirmation of the signed document", () => {
    spec.given(signed).when(at(signed, confirm())).then(([event]) => {
      expect((event as WaiverConfirmed).data).toMatchObject({ documentRef: 'W-1', actorId: 'oem_after_sales-1', role: 'oem_after_sales', at: '2026-03-10T09:00:00.000Z', rule: 'R-GC-1' });
    });
  });

  it('needs a signed waiver first', () => {
    spec.given(applied).when(at(applied, confirm())).thenThrows('CLAIM.WAIVER_NOT_SIGNED');
  });

  it('is confirmed by OEM after-sales staff only (403 for the dealer)', () => {
    spec.given(signed).when(at(signed, confirm(step('service_director')))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it("is confirmed by staff of the dealer's region only (403)", () => {
    spec.given(signed).when(at(signed, confirm(step('oem_after_sales', { region: 'south' })))).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('is confirmed once', () => {
    const confirmed = run([confirm()], signed);
    spec.given(confirmed).when(at(confirmed, confirm())).thenThrows('CLAIM.WAIVER_ALREADY_CONFIRMED');
  });
});
