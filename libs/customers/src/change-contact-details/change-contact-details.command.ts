import type { ContactDetailsChanged } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';
import { CustomerErrors } from '../domain/customer.errors';

export interface ChangeContactDetails {
  customerId: string;
  phone?: string;
  email?: string;
  address?: string;
  bestContactTime?: string;
}

export function decideChangeContactDetails(command: ChangeContactDetails, state: CustomerState): ContactDetailsChanged[] {
  if (!state.exists) throw CustomerErrors.notFound(command.customerId);
  if (state.erased) throw CustomerErrors.personalDataErased(command.customerId);
  const { customerId, ...changes } = command;
  const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return [{ type: 'ContactDetailsChanged', data: { customerId, ...data } }];
}
