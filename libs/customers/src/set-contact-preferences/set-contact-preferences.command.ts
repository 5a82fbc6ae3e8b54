import type { ContactPreferencesSet } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';
import { CustomerErrors } from '../domain/customer.errors';

export interface SetContactPreferences {
  customerId: string;
  /** Callback types the customer must never be called for. */
  doNotCall: string[];
  reason: string;
}

export function decideSetContactPreferences(command: SetContactPreferences, state: CustomerState): ContactPreferencesSet[] {
  if (!state.exists) throw CustomerErrors.notFound(command.customerId);
  const doNotCall = [...new Set(command.doNotCall)].sort();
  return [{ type: 'ContactPreferencesSet', data: { customerId: command.customerId, doNotCall, reason: command.reason } }];
}
