import { deciderSpec } from '@aftercare/kernel';
import { decideRecordVisit, RecordVisit } from './record-visit.command';
import { evolveVehicle, initialVehicleState } from '../domain/vehicle.state';
import type { VehicleEvent, VehicleRegistered, VisitRecorded } from '../domain/vehicle.events';

const spec = deciderSpec<RecordVisit, ReturnType<typeof initialVehicleState>, VehicleEvent>({
  decide: decideRecordVisit,
  evolve: evolveVehicle,
  initialState: initialVehicleState,
});

const VIN = 'LSVAU2180N2183294';
const registered: VehicleRegistered = {
  type: 'VehicleRegistered',
  data: {
    vin: VIN, plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-01-02T00:00:00.000Z', deliveredAt: '2025-01-05T00:00:00.000Z',
    warrantyMonths: 24, warrantyKm: 40000, customerId: 'c1', dealerId: 'D1', warrantyEndsAt: '2027-01-05T00:00:00.000Z', vinCheckDigitValid: true,
  },
};
const visitAt = (occurredAt: string, odometerKm: number): VisitRecorded => ({
  type: 'VisitRecorded',
  data: {
    visitId: `v-${occurredAt}`, vin: VIN, customerId: 'c1', dealerId: 'D1', occurredAt, recordedAt: occurredAt, odometerKm,
    type: 'periodic_maintenance', amount: 480, customerPaid: true, advisorId: 'sa1', lateFile: false,
  },
});
const command = (over: Partial<RecordVisit> = {}): RecordVisit => ({
  visitId: 'v9', vin: VIN, occurredAt: '2026-03-01T10:00:00.000Z', recordedAt: '2026-03-01T12:00:00.000Z',
  odometerKm: 12000, type: 'periodic_maintenance', amount: 600, advisorId: 'sa1', ...over,
});

describe('recording a service visit', () => {
  it('records the visit with both business time and recorded time', () => {
    spec.given([registered]).when(command()).then((events) => {
      expect(events).toHaveLength(1);
      expect((events[0] as VisitRecorded).data).toMatchObject({ occurredAt: '2026-03-01T10:00:00.000Z', recordedAt: '2026-03-01T12:00:00.000Z', lateFile: false, customerPaid: true });
    });
  });

  it('flags a file entry made more than two days after the visit as late (R-CF-1)', () => {
    spec.given([registered]).when(command({ occurredAt: '2026-02-26T09:00:00.000Z' })).then((events) => {
      expect((events[0] as VisitRecorded).data.lateFile).toBe(true);
    });
  });

  it('does not flag an entry made exactly within two days (R-CF-1)', () => {
    spec.given([registered]).when(command({ occurredAt: '2026-02-27T12:00:00.000Z' })).then((events) => {
      expect((events[0] as VisitRecorded).data.lateFile).toBe(false);
    });
  });

  it('refuses a visit dated in the future', () => {
    spec.given([registered]).when(command({ occurredAt: '2026-03-02T00:00:00.000Z' })).thenThrows('VISIT.OCCURRED_IN_FUTURE');
  });

  it('refuses an odometer reading below one recorded earlier', () => {
    spec.given([registered, visitAt('2026-01-10T00:00:00.000Z', 15000)]).when(command({ odometerKm: 14000 })).thenThrows('VEHICLE.ODOMETER_BACKWARDS');
  });

  it('accepts a back-dated visit whose reading fits between earlier and later visits', () => {
    spec
      .given([registered, visitAt('2025-06-01T00:00:00.000Z', 5000), visitAt('2026-02-01T00:00:00.000Z', 15000)])
      .when(command({ occurredAt: '2025-10-01T00:00:00.000Z', odometerKm: 9000 }))
      .then((events) => expect((events[0] as VisitRecorded).data.odometerKm).toBe(9000));
  });

  it('refuses a back-dated visit whose reading exceeds a later visit', () => {
    spec
      .given([registered, visitAt('2026-02-01T00:00:00.000Z', 15000)])
      .when(command({ occurredAt: '2025-10-01T00:00:00.000Z', odometerKm: 16000 }))
      .thenThrows('VEHICLE.ODOMETER_BACKWARDS');
  });

  it('does not count warranty, free first-service or insurance work as customer spend', () => {
    for (const type of ['warranty', 'first_service', 'accident_repair'] as const) {
      spec.given([registered]).when(command({ type })).then((events) => expect((events[0] as VisitRecorded).data.customerPaid).toBe(false));
    }
  });

  it('refuses a visit to a vehicle that is not registered', () => {
    spec.given([]).when(command()).thenThrows('VEHICLE.NOT_FOUND');
  });
});
