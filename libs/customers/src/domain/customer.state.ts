import type { CustomerEvent, SensitiveKind } from './customer.events';

export interface CustomerState {
  exists: boolean;
  customerId: string | null;
  dealerId: string | null;
  sensitiveKinds: SensitiveKind[];
  referred: string[];
  doNotCall: string[];
  /** PersonalDataErased: the key is gone, nothing personal may be written again. */
  erased: boolean;
}

export function initialCustomerState(): CustomerState {
  return { exists: false, customerId: null, dealerId: null, sensitiveKinds: [], referred: [], doNotCall: [], erased: false };
}

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered':
      return { ...state, exists: true, customerId: event.data.customerId, dealerId: event.data.dealerId };
    case 'CustomerFlaggedSensitive':
      return state.sensitiveKinds.includes(event.data.kind) ? state : { ...state, sensitiveKinds: [...state.sensitiveKinds, event.data.kind] };
    case 'ReferralRecorded':
      return { ...state, referred: [...state.referred, event.data.referredCustomerId] };
    case 'ContactPreferencesSet':
      return { ...state, doNotCall: [...event.data.doNotCall] };
    case 'PersonalDataErased':
      return { ...state, erased: true };
    case 'ContactDetailsChanged':
      return state;
    default:
      return state;
  }
}
