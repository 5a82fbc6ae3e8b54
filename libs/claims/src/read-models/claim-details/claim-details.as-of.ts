import { projectionAsOf } from '@aftercare/audit';
import { CLAIM_CATEGORY } from '../../domain/claim.stream';
import { CLAIM_DETAILS, ClaimDetailsDoc } from './claim-details.document';
import { claimDetailsProjection } from './claim-details.projection';
import { toClaimView } from './claim-details.view';

/** GET /audit/claim/{id}/as-of: the claim as GET /claims/{id} answered at that instant, every sign-off so far. */
export const claimAsOf = projectionAsOf<ClaimDetailsDoc>({
  kind: 'claim',
  category: CLAIM_CATEGORY,
  projection: claimDetailsProjection,
  collection: CLAIM_DETAILS,
  view: (doc) => toClaimView(doc),
});
