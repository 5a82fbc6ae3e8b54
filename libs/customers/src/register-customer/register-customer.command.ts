import type { CustomerRegistered, PersonalDetails } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';

export interface RegisterCustomer {
  customerId: string;
  dealerId: string;
  details: PersonalDetails;
}

export function decideRegisterCustomer(command: RegisterCustomer, _state: CustomerState): CustomerRegistered[] {
  return [{ type: 'CustomerRegistered', data: { customerId: command.customerId, dealerId: command.dealerId, ...command.details } }];
}
