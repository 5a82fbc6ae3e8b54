/** What other contexts may import from the membership context. */
export { membershipContext } from './membership.context';
export { MembershipModule } from './membership.module';
export { MemberDetailsQuery } from './read-models/member-details/member-details.query';
export { MEMBER_DETAILS } from './read-models/member-details/member-details.document';
export type { MemberDetailsDoc, MemberHistoryEntry } from './read-models/member-details/member-details.document';
export type { MemberView } from './read-models/member-details/member-details.view';
export { memberAsOf } from './read-models/member-details/member-details.as-of';
export { MemberEventTypes, MEMBER_EVENT_TYPES } from './domain/member.events';
export type * from './domain/member.events';
export { memberIdFor, memberStream, MEMBER_CATEGORY } from './domain/member.stream';
export { MEMBERSHIP_CONFIG, TIERS, BENEFITS, LOYALTY_SEGMENTS } from './domain/membership.config';
export type { Tier, Benefit, LoyaltySegment, MembershipConfig, TierRule } from './domain/membership.config';
export { assessTier, spendInWindow } from './domain/tier.rules';
export { PointsExpiryWorker, POINTS_EXPIRY_WORKER } from './expire-points/expire-points.worker';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { EnrolMemberCommand } from './enrol-member/enrol-member.handler';
export { RedeemPointsCommand } from './redeem-points/redeem-points.handler';
