import { deciderSpec } from '@aftercare/kernel';
import { decideErasePersonalData, ErasePersonalData } from './erase-personal-data.command';
import { decideChangeContactDetails } from '../change-contact-details/change-contact-details.command';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import type { CustomerEvent, CustomerRegistered, PersonalDataErased } from '../domain/customer.events';

const spec = deciderSpec<ErasePersonalData, ReturnType<typeof initialCustomerState>, CustomerEvent>({
  decide: decideErasePersonalData,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
});
const registered: CustomerRegistered = { type: 'CustomerRegistered', data: { customerId: 'c1', dealerId: 'D1', name: '王先生', phone: '13800000000' } };
const erase: ErasePersonalData = { customerId: 'c1', reason: 'customer asked under PIPL art. 47', erasedBy: 'csm-1', erasedByRole: 'customer_service_manager' };
const erased: PersonalDataErased = { type: 'PersonalDataErased', data: erase };

describe('erasing a customer\'s personal data', () => {
  it('records the reason and who erased it', () => {
    spec.given([registered]).when(erase).then([erased]);
  });

  it('decides nothing the second time, so a repeated DELETE changes nothing', () => {
    spec.given([registered, erased]).when(erase).then([]);
  });

  it('refuses an unknown customer', () => {
    spec.given([]).when(erase).thenThrows('CUSTOMER.NOT_FOUND');
  });

  it('refuses new contact details once the personal data is erased', () => {
    const state = [registered, erased].reduce(evolveCustomer, initialCustomerState());
    expect(() => decideChangeContactDetails({ customerId: 'c1', phone: '13900000000' }, state)).toThrow(expect.objectContaining({ code: 'CUSTOMER.PERSONAL_DATA_ERASED' }));
  });
});
