import { requestWarranty, spec } from '../testing/claim-history.fixture';
import type { GoodwillWarrantyRequested } from '../domain/claim.events';

const vehicle = requestWarranty().vehicle!;

describe('requesting a goodwill warranty claim (R-GW-1, R-GW-2)', () => {
  it('records the request with the eligibility facts of the customer file', () => {
    spec.given([]).when(requestWarranty()).then(([event]) => {
      const e = event as GoodwillWarrantyRequested;
      expect(e.type).toBe('GoodwillWarrantyRequested');
      expect(e.data).toMatchObject({
        step: 'request', role: 'service_advisor', claimRevision: 1, dealerId: 'D1', region: 'east', customerId: 'cust-1', vin: 'LSVAU2180N2183294',
        eligibility: { sensitiveKinds: ['media'], warrantyEndsAt: '2026-01-01T00:00:00.000Z', warrantyKm: 40000, lastOdometerKm: 38000, outOfWarrantyBy: ['time'], checkedAt: '2026-03-10T09:00:00.000Z' },
      });
    });
  });

  it('is for a sensitive customer only (R-GW-1, R-CF-2)', () => {
    spec.given([]).when(requestWarranty({ customer: { customerId: 'cust-1', dealerId: 'D1', sensitiveKinds: [] } })).thenThrows('CLAIM.CUSTOMER_NOT_SENSITIVE');
  });

  it('refuses a vehicle still within both its warranty period and distance (R-GW-1)', () => {
    spec.given([]).when(requestWarranty({ vehicle: { ...vehicle, warrantyEndsAt: '2027-03-10T00:00:00.000Z', lastOdometerKm: 39999 } })).thenThrows('CLAIM.VEHICLE_IN_WARRANTY');
  });

  it('takes a vehicle whose warranty distance was reached before its period ended: whichever ends first (R-GW-1)', () => {
    spec.given([]).when(requestWarranty({ vehicle: { ...vehicle, warrantyEndsAt: '2027-03-10T00:00:00.000Z', lastOdometerKm: 40000 } })).then(([event]) => {
      expect((event as GoodwillWarrantyRequested).data.eligibility.outOfWarrantyBy).toEqual(['distance']);
    });
  });

  it('judges a vehicle without any odometer reading by its warranty period alone (R-GW-1)', () => {
    spec.given([]).when(requestWarranty({ vehicle: { ...vehicle, warrantyEndsAt: '2027-03-10T00:00:00.000Z', lastOdometerKm: null } })).thenThrows('CLAIM.VEHICLE_IN_WARRANTY');
  });

  it("refuses a vehicle registered to another customer", () => {
    spec.given([]).when(requestWarranty({ vehicle: { ...vehicle, customerId: 'cust-2' } })).thenThrows('CLAIM.VEHICLE_NOT_CUSTOMERS');
  });

  it("refuses another dealer's customer as out of scope", () => {
    spec.given([]).when(requestWarranty({ by: { id: 'sa2', role: 'service_advisor', dealerId: 'D2' } })).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('is taken by the dealer: an OEM role cannot record the request', () => {
    spec.given([]).when(requestWarranty({ by: { id: 'fsr', role: 'field_service_rep', region: 'east' } })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
