import { applyCompensation, spec } from '../testing/claim-history.fixture';
import { contentHash } from '../domain/claim-content';
import type { GoodwillCompensationApplied } from '../domain/claim.events';

describe('applying for goodwill compensation (DOMAIN.md step 3, R-GC-2)', () => {
  it("records the service director's application with the complaint's dealer, region, customer and vehicle", () => {
    spec.given([]).when(applyCompensation()).then(([event]) => {
      const e = event as GoodwillCompensationApplied;
      expect(e.type).toBe('GoodwillCompensationApplied');
      expect(e.data).toMatchObject({
        claimId: 'claim-1', step: 'application', actorId: 'service_director-1', role: 'service_director', at: '2026-03-10T09:00:00.000Z',
        claimRevision: 1, type: 'goodwill_compensation', dealerId: 'D1', region: 'east', complaintId: 'complaint-1', customerId: 'cust-1',
        amount: 12000, currency: 'CNY', complaintSeverity: 'major',
      });
    });
  });

  it('seals the application with the SHA-256 of its canonical content', () => {
    spec.given([]).when(applyCompensation()).then(([event]) => {
      const d = (event as GoodwillCompensationApplied).data;
      expect(d.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(d.contentHash).toBe(
        contentHash({
          type: 'goodwill_compensation', claimId: 'claim-1', dealerId: 'D1', complaintId: 'complaint-1', customerId: 'cust-1', vin: 'LSVAU2180N2183294',
          amount: 12000, currency: 'CNY', breakdown: d.breakdown, waiver: null, documents: [],
        }),
      );
    });
  });

  it('is only for a major complaint (R-CP-4)', () => {
    spec.given([]).when(applyCompensation({ complaint: { complaintId: 'complaint-1', dealerId: 'D1', customerId: 'cust-1', vin: null, severity: 'normal' } })).thenThrows('CLAIM.COMPLAINT_NOT_MAJOR');
  });

  it('refuses a consequential cost: goodwill compensation pays direct costs only', () => {
    const err = spec
      .given([])
      .when(applyCompensation({ amount: 15000, breakdown: [{ kind: 'repair', description: 'repair', amount: 10000 }, { kind: 'consequential', description: 'lost business income', amount: 5000 }] }))
      .thenThrows('CLAIM.CONSEQUENTIAL_COSTS');
    expect(err.kind).toBe('conflict');
    expect(err.details).toEqual({ lines: [1] });
  });

  it('refuses a breakdown that does not add up to the amount, counting in cents', () => {
    expect(spec.given([]).when(applyCompensation({ amount: 12000.01 })).thenThrows('CLAIM.BREAKDOWN_MISMATCH').kind).toBe('invalid');
    spec.given([]).when(applyCompensation({ amount: 0.3, breakdown: [{ kind: 'litigation', description: 'a', amount: 0.1 }, { kind: 'litigation', description: 'b', amount: 0.2 }] })).then((events) => expect(events).toHaveLength(1));
  });

  it('is filled by the service director only', () => {
    expect(spec.given([]).when(applyCompensation({ by: { id: 'sa', role: 'service_advisor', dealerId: 'D1' } })).thenThrows('AUTH.ROLE_NOT_ALLOWED').kind).toBe('forbidden');
  });

  it("refuses a complaint of another dealer as out of scope", () => {
    expect(spec.given([]).when(applyCompensation({ by: { id: 'sd2', role: 'service_director', dealerId: 'D2' } })).thenThrows('AUTH.OUT_OF_SCOPE').kind).toBe('forbidden');
  });

  it('refuses an unknown complaint as unprocessable', () => {
    spec.given([]).when(applyCompensation({ complaint: null })).thenThrows('CLAIM.COMPLAINT_NOT_FOUND');
  });

  it("refuses a dealer whose region is unknown: nobody could sign", () => {
    spec.given([]).when(applyCompensation({ dealerRegion: null })).thenThrows('CLAIM.DEALER_NOT_REGISTERED');
  });
});
