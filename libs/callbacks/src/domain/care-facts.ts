import type { DomainEvent } from '@aftercare/kernel';
import type {
  ContactPreferencesSet,
  CustomerFlaggedSensitive,
  CustomerRegistered,
  VehicleRegistered,
  VisitRecorded,
} from '@aftercare/customers';

/**
 * What the care schedule needs to know of the customer file, folded from the
 * customers context's published events (never from its read model, which may lag
 * behind the scheduler: the same history must plan the same calls).
 */
export interface CustomerFacts {
  exists: boolean;
  customerId: string | null;
  dealerId: string | null;
  birthDate: string | null;
  sensitiveKinds: string[];
  /** Callback types the customer must never be queued for (API.md contact-preferences). */
  doNotCall: string[];
}

export interface OdometerReading {
  at: string;
  km: number;
}

export interface VehicleFacts {
  exists: boolean;
  vin: string | null;
  customerId: string | null;
  dealerId: string | null;
  deliveredAt: string | null;
  firstServiceDueAt: string | null;
  insuranceExpiry: string | null;
  warrantyEndsAt: string | null;
  warrantyKm: number | null;
  /** Odometer readings of the visits, in business-time order. */
  readings: OdometerReading[];
  firstServiceDone: boolean;
}

export function initialCustomerFacts(): CustomerFacts {
  return { exists: false, customerId: null, dealerId: null, birthDate: null, sensitiveKinds: [], doNotCall: [] };
}

export function initialVehicleFacts(): VehicleFacts {
  return {
    exists: false, vin: null, customerId: null, dealerId: null, deliveredAt: null, firstServiceDueAt: null, insuranceExpiry: null,
    warrantyEndsAt: null, warrantyKm: null, readings: [], firstServiceDone: false,
  };
}

type CustomerFactEvent = CustomerRegistered | CustomerFlaggedSensitive | ContactPreferencesSet | DomainEvent;
type VehicleFactEvent = VehicleRegistered | VisitRecorded | DomainEvent;

export function evolveCustomerFacts(state: CustomerFacts, event: CustomerFactEvent): CustomerFacts {
  switch (event.type) {
    case 'CustomerRegistered': {
      const d = (event as CustomerRegistered).data;
      // An erased birth date reads "[erased]" (docs/personal-data.md): no birthday to plan a call for.
      const birthDate = typeof d.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d.birthDate) ? d.birthDate : null;
      return { ...state, exists: true, customerId: d.customerId, dealerId: d.dealerId, birthDate };
    }
    case 'CustomerFlaggedSensitive': {
      const kind = (event as CustomerFlaggedSensitive).data.kind;
      return state.sensitiveKinds.includes(kind) ? state : { ...state, sensitiveKinds: [...state.sensitiveKinds, kind] };
    }
    case 'ContactPreferencesSet':
      return { ...state, doNotCall: [...(event as ContactPreferencesSet).data.doNotCall] };
    default:
      return state;
  }
}

export function evolveVehicleFacts(state: VehicleFacts, event: VehicleFactEvent): VehicleFacts {
  switch (event.type) {
    case 'VehicleRegistered': {
      const d = (event as VehicleRegistered).data;
      return {
        ...state, exists: true, vin: d.vin, customerId: d.customerId, dealerId: d.dealerId, deliveredAt: d.deliveredAt,
        firstServiceDueAt: d.firstServiceDueAt ?? null, insuranceExpiry: d.insuranceExpiry ?? null, warrantyEndsAt: d.warrantyEndsAt,
        warrantyKm: d.warrantyKm ?? null,
      };
    }
    case 'VisitRecorded': {
      const d = (event as VisitRecorded).data;
      const readings = [...state.readings, { at: d.occurredAt, km: d.odometerKm }].sort((a, b) => a.at.localeCompare(b.at));
      return { ...state, readings, firstServiceDone: state.firstServiceDone || d.type === 'first_service' };
    }
    default:
      return state;
  }
}

/** R-CB-11: a sensitive customer's calls come first. */
export const isSensitive = (facts: CustomerFacts): boolean => facts.sensitiveKinds.length > 0;
/** R-CB-11: high-value customers are called by their own service advisor. */
export const isHighValue = (facts: CustomerFacts): boolean => facts.sensitiveKinds.includes('vip') || facts.sensitiveKinds.includes('key_account');
