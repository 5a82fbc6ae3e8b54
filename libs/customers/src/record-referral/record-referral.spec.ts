import { deciderSpec } from '@aftercare/kernel';
import { decideRecordReferral, RecordReferral } from './record-referral.command';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import type { CustomerEvent, CustomerRegistered } from '../domain/customer.events';

const spec = deciderSpec<RecordReferral, ReturnType<typeof initialCustomerState>, CustomerEvent>({
  decide: decideRecordReferral,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
});
const registered: CustomerRegistered = { type: 'CustomerRegistered', data: { customerId: 'c1', dealerId: 'D1', name: '李女士', phone: '13900000000' } };

describe('recording a referral', () => {
  it('records that the customer referred a friend', () => {
    spec.given([registered]).when({ customerId: 'c1', referredCustomerId: 'c2', referredExists: true }).then([
      { type: 'ReferralRecorded', data: { customerId: 'c1', referredCustomerId: 'c2' } },
    ]);
  });
  it('refuses a customer referring themselves', () => {
    spec.given([registered]).when({ customerId: 'c1', referredCustomerId: 'c1', referredExists: true }).thenThrows('CUSTOMER.SELF_REFERRAL');
  });
  it('refuses the same referral twice', () => {
    spec
      .given([registered, { type: 'ReferralRecorded', data: { customerId: 'c1', referredCustomerId: 'c2' } }])
      .when({ customerId: 'c1', referredCustomerId: 'c2', referredExists: true })
      .thenThrows('CUSTOMER.ALREADY_REFERRED');
  });
  it('refuses a referral to a customer who does not exist', () => {
    spec.given([registered]).when({ customerId: 'c1', referredCustomerId: 'c9', referredExists: false }).thenThrows('CUSTOMER.REFERRED_NOT_FOUND');
  });
  it('refuses a referral back to the customer who referred this one', () => {
    spec.given([registered]).when({ customerId: 'c1', referredCustomerId: 'c2', referredExists: true, referredReferredUs: true }).thenThrows('CUSTOMER.CIRCULAR_REFERRAL');
  });
});
