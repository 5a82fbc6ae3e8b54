import { deciderSpec } from '@aftercare/kernel';
import { decideFlagSensitiveCustomer, FlagSensitiveCustomer } from './flag-sensitive-customer.command';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import type { CustomerEvent, CustomerRegistered } from '../domain/customer.events';

const spec = deciderSpec<FlagSensitiveCustomer, ReturnType<typeof initialCustomerState>, CustomerEvent>({
  decide: decideFlagSensitiveCustomer,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
});
const registered: CustomerRegistered = { type: 'CustomerRegistered', data: { customerId: 'c1', dealerId: 'D1', name: '王先生', phone: '13800000000' } };
const flag: FlagSensitiveCustomer = { customerId: 'c1', kind: 'media', reason: 'journalist at a local paper', flaggedBy: 'csm1', flaggedByRole: 'customer_service_manager' };

describe('flagging a sensitive customer (R-CF-2)', () => {
  it('records the kind, the reason and who set the flag', () => {
    spec.given([registered]).when(flag).then([{ type: 'CustomerFlaggedSensitive', data: flag }]);
  });

  it('refuses the same kind twice', () => {
    spec.given([registered, { type: 'CustomerFlaggedSensitive', data: flag }]).when(flag).thenThrows('CUSTOMER.ALREADY_FLAGGED');
  });

  it('refuses a flag on an unknown customer', () => {
    spec.given([]).when(flag).thenThrows('CUSTOMER.NOT_FOUND');
  });
});
