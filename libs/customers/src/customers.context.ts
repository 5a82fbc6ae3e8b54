import { defineContext } from '@aftercare/platform';
import { CustomersModule } from './customers.module';
import { customerProfileProjection } from './read-models/customer-profile/customer-profile.projection';
import { CUSTOMERS_TYPE_DEFS } from './read-models/customer-profile/customer-profile.resolver';

/** DOMAIN.md "Customer file": customers, vehicles, visits, appointments, referrals, flags. */
export const customersContext = defineContext({
  name: 'customers',
  module: CustomersModule,
  projections: [customerProfileProjection],
  typeDefs: CUSTOMERS_TYPE_DEFS,
});
