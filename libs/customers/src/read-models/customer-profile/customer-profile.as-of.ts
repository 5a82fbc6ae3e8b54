import { projectionAsOf } from '@aftercare/audit';
import { CUSTOMER_PROFILES, CustomerProfileDoc } from './customer-profile.document';
import { customerProfileProjection } from './customer-profile.projection';
import { toCustomerView } from './customer-profile.view';

/**
 * GET /audit/customer/{id}/as-of: the profile as GET /customers/{id} answered at
 * that instant. A profile gathers its vehicles' and visits' streams too, so the
 * projection's event types are folded from the whole log.
 */
export const customerAsOf = projectionAsOf<CustomerProfileDoc>({
  kind: 'customer',
  category: 'customer',
  projection: customerProfileProjection,
  collection: CUSTOMER_PROFILES,
  acrossStreams: true,
  view: (doc) => toCustomerView(doc),
});
