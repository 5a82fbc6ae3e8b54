import { defineContext } from '@aftercare/platform';
import { CustomersModule } from './customers.module';
import { customerProfileProjection } from './read-models/customer-profile/customer-profile.projection';
import { CUSTOMERS_TYPE_DEFS } from './read-models/customer-profile/customer-profile.resolver';
import { CUSTOMER_PERSONAL_DATA, registerCustomerUpcasters } from './domain/customer.personal-data';
import { scrubReadModelsWhenErased } from './scrub-read-models-when-erased/scrub-read-models-when-erased.worker-host';

/** DOMAIN.md "Customer file": customers, vehicles, visits, appointments, referrals, flags. */
export const customersContext = defineContext({
  name: 'customers',
  module: CustomersModule,
  projections: [customerProfileProjection],
  typeDefs: CUSTOMERS_TYPE_DEFS,
  upcasters: registerCustomerUpcasters,
  personalData: CUSTOMER_PERSONAL_DATA,
  workers: [scrubReadModelsWhenErased],
});
