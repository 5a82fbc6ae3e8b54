import { defineContext } from '@aftercare/platform';
import { ClaimsModule } from './claims.module';
import { claimDetailsProjection } from './read-models/claim-details/claim-details.projection';
import { claimWorklistProjection } from './read-models/claim-worklist/claim-worklist.projection';
import { claimCostsProjection } from './read-models/claim-costs/claim-costs.projection';
import { CLAIM_DETAILS_TYPE_DEFS } from './read-models/claim-details/claim-details.resolver';
import { CLAIM_WORKLIST_TYPE_DEFS } from './read-models/claim-worklist/claim-worklist.resolver';
import { CLAIM_COSTS_TYPE_DEFS } from './read-models/claim-costs/claim-costs.resolver';

/** DOMAIN.md "Claims": goodwill compensation (R-GC-1…3) and goodwill warranty (R-GW-1…2) through their sign-off chains. */
export const claimsContext = defineContext({
  name: 'claims',
  module: ClaimsModule,
  projections: [claimDetailsProjection, claimWorklistProjection, claimCostsProjection],
  typeDefs: CLAIM_DETAILS_TYPE_DEFS + CLAIM_WORKLIST_TYPE_DEFS + CLAIM_COSTS_TYPE_DEFS,
});
