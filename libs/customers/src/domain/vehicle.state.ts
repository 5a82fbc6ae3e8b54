import type { VehicleEvent } from './vehicle.events';

export interface OdometerReading {
  occurredAt: string;
  odometerKm: number;
}

export interface VehicleState {
  exists: boolean;
  vin: string | null;
  customerId: string | null;
  dealerId: string | null;
  deliveredAt: string | null;
  /** Readings in business-time order, to check that odometers never go backwards. */
  readings: OdometerReading[];
  visitIds: string[];
}

export function initialVehicleState(): VehicleState {
  return { exists: false, vin: null, customerId: null, dealerId: null, deliveredAt: null, readings: [], visitIds: [] };
}

export function evolveVehicle(state: VehicleState, event: VehicleEvent): VehicleState {
  switch (event.type) {
    case 'VehicleRegistered':
      return {
        ...state,
        exists: true,
        vin: event.data.vin,
        customerId: event.data.customerId,
        dealerId: event.data.dealerId,
        deliveredAt: event.data.deliveredAt,
      };
    case 'VisitRecorded': {
      const reading = { occurredAt: event.data.occurredAt, odometerKm: event.data.odometerKm };
      const readings = [...state.readings, reading].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      return { ...state, readings, visitIds: [...state.visitIds, event.data.visitId] };
    }
    default:
      return state;
  }
}
