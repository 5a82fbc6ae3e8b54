import { LoyaltySegment, MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import type { MemberTierChanged, PaidVisit, TierTrigger } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { assertActiveMember } from '../domain/member.policy';
import { assessTier } from '../domain/tier.rules';

export interface ReviewTier extends MemberStep {
  /** The primary loyalty segment to judge by (segmentation's latest, or the event's). */
  loyaltySegment: LoyaltySegment;
  trigger: TierTrigger;
}

/**
 * R-MB-1: the tier recomputed from loyalty segment and 12-month customer-paid
 * spend; an event only when the tier changes, and always with its reason.
 */
export function tierChange(
  state: MemberState,
  visits: readonly PaidVisit[],
  review: Pick<ReviewTier, 'loyaltySegment' | 'trigger' | 'at'>,
  config: MembershipConfig = MEMBERSHIP_CONFIG,
): MemberTierChanged[] {
  const assessment = assessTier(visits, review.loyaltySegment, review.at, config);
  if (assessment.tier === state.tier) return [];
  return [
    {
      type: 'MemberTierChanged',
      data: {
        memberId: state.memberId!,
        customerId: state.customerId!,
        dealerId: state.dealerId!,
        from: state.tier,
        to: assessment.tier,
        reason: assessment.reason,
        spend12Months: assessment.spend12Months,
        loyaltySegment: assessment.loyaltySegment,
        rule: 'R-MB-1',
        trigger: review.trigger,
        reviewedAt: review.at,
      },
    },
  ];
}

/** A review asked for (by an admin, or by segmentation's change): the member must be active. */
export function decideReviewTier(command: ReviewTier, state: MemberState, config: MembershipConfig = MEMBERSHIP_CONFIG): MemberTierChanged[] {
  assertActiveMember(command.by, state);
  return tierChange(state, state.paidVisits, command, config);
}
