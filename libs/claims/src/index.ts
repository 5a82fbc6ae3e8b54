/** What other contexts may import from the claims context. */
export { claimsContext } from './claims.context';
export { ClaimsModule } from './claims.module';
export { ClaimDetailsQuery } from './read-models/claim-details/claim-details.query';
export { CLAIM_DETAILS } from './read-models/claim-details/claim-details.document';
export type { ClaimDetailsDoc, ClaimStepEntry, ClaimRound } from './read-models/claim-details/claim-details.document';
export type { ClaimView } from './read-models/claim-details/claim-details.view';
export { ClaimEventTypes, CLAIM_EVENT_TYPES, BREAKDOWN_KINDS, MATERIAL_KINDS } from './domain/claim.events';
export type * from './domain/claim.events';
export { CLAIM_TYPES, CLAIM_STATUSES, GOODWILL_COMPENSATION_FLOW, GOODWILL_WARRANTY_FLOW } from './domain/claim.flows';
export type { ClaimType, ClaimStatus, ClaimStepName, FlowStep } from './domain/claim.flows';
export { claimStream, CLAIM_CATEGORY } from './domain/claim.stream';
export { canonicalJson, contentHash } from './domain/claim-content';
export { goodwillCompensationDecider } from './goodwill-compensation.decider';
export { goodwillWarrantyDecider } from './goodwill-warranty.decider';
export { claimAsOf } from './read-models/claim-details/claim-details.as-of';
// Who signs what (the authorization matrix of apps/api reads it).
export { APPROVING_ROLES, rolesForStep } from './domain/claim.flows';
export { WAIVER_SIGNING_ROLES } from './sign-waiver/sign-waiver.command';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { ApplyGoodwillCompensationCommand } from './apply-goodwill-compensation/apply-goodwill-compensation.handler';
export { SignOffClaimCommand } from './sign-off-claim/sign-off-claim.handler';
export { SettleClaimCommand } from './settle-claim/settle-claim.handler';
