import type { AdvancePaymentRecorded } from '../domain/claim.events';
import { applyCompensation, at, run, spec, step } from '../testing/claim-history.fixture';

const applied = run([applyCompensation()]);
const signed = run([{ kind: 'SignWaiver', ...step('service_director'), documentRef: 'W-1', signedAt: '2026-03-10T08:00:00.000Z' }], applied);
const confirmed = run([{ kind: 'ConfirmWaiver', ...step('oem_after_sales', { at: '2026-03-10T08:30:00.000Z' }), comment: null }], signed);
const advance = (over: object = {}) => ({ kind: 'RecordAdvancePayment' as const, ...step('service_director'), amount: 2000, paidAt: '2026-03-10T08:45:00.000Z', ...over });

describe("the dealer's emergency advance payment (DOMAIN.md step 1, R-GC-1)", () => {
  it('is recorded once the waiver is signed and confirmed, with the confirmation it relied on', () => {
    spec.given(confirmed).when(at(confirmed, advance())).then(([event]) => {
      expect((event as AdvancePaymentRecorded).data).toMatchObject({ amount: 2000, currency: 'CNY', paidAt: '2026-03-10T08:45:00.000Z', waiverConfirmedAt: '2026-03-10T08:30:00.000Z', rule: 'R-GC-1' });
    });
  });

  it('is refused without any waiver (R-GC-1)', () => {
    spec.given(applied).when(at(applied, advance())).thenThrows('CLAIM.WAIVER_NOT_CONFIRMED');
  });

  it('is refused while the signed waiver awaits the OEM confirmation (R-GC-1)', () => {
    spec.given(signed).when(at(signed, advance())).thenThrows('CLAIM.WAIVER_NOT_CONFIRMED');
  });

  it('is refused when the money left before the waiver was confirmed (R-GC-1)', () => {
    spec.given(confirmed).when(at(confirmed, advance({ paidAt: '2026-03-10T08:15:00.000Z' }))).thenThrows('CLAIM.ADVANCE_BEFORE_WAIVER');
  });

  it('never totals more than the amount applied for', () => {
    const paid = run([advance({ amount: 11000 })], confirmed);
    spec.given(paid).when(at(paid, advance({ amount: 1000.01 }))).thenThrows('CLAIM.ADVANCE_EXCEEDS_AMOUNT');
    spec.given(paid).when(at(paid, advance({ amount: 1000 }))).then((events) => expect(events).toHaveLength(1));
  });

  it("is the dealer's own: another dealer's service director is refused (403)", () => {
    spec.given(confirmed).when(at(confirmed, advance(step('service_director', { dealerId: 'D2' })))).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('takes now as paidAt when none is given (DOMAIN.md step 1)', () => {
    const later = { ...advance(), at: '2026-03-10T09:30:00.000Z' };
    delete (later as { paidAt?: string }).paidAt;
    spec.given(confirmed).when(at(confirmed, later)).then(([event]) => {
      expect((event as AdvancePaymentRecorded).data).toMatchObject({ paidAt: '2026-03-10T09:30:00.000Z', at: '2026-03-10T09:30:00.000Z', rule: 'R-GC-1' });
    });
    spec.given(confirmed).when(at(confirmed, { ...later, paidAt: null })).then(([event]) => expect((event as AdvancePaymentRecorded).data.paidAt).toBe('2026-03-10T09:30:00.000Z'));
  });

  it('refuses a paidAt in the future (400 CLAIM.IN_FUTURE)', () => {
    expect(spec.given(confirmed).when(at(confirmed, advance({ paidAt: '2026-03-10T09:00:00.001Z' }))).thenThrows('CLAIM.IN_FUTURE').kind).toBe('invalid');
  });
});
