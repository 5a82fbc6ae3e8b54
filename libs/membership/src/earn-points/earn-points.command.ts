import { addMonths } from '@aftercare/kernel';
import { LoyaltySegment, MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import type { MemberEvent, PaidVisit } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import { tierChange } from '../review-tier/review-tier.command';

export interface EarnPoints {
  memberId: string;
  visit: { visitId: string; vin: string; amount: number; visitedAt: string; customerPaid: boolean };
  /** When the visit was recorded: the instant the tier is reviewed as of. */
  reviewAt: string;
  loyaltySegment: LoyaltySegment;
}

/**
 * A recorded visit, for the club: a customer-paid visit after enrolment earns a
 * lot of points at the member's tier rate, expiring `pointsExpiryMonths` after the
 * visit; one dated before enrolment (filed late) counts for spend only; free,
 * warranty and insurance-paid work earns nothing and is not spend. Then R-MB-1 on
 * the new spend. Not a member, cancelled, or a visit already counted: nothing.
 */
export function decideEarnPoints(command: EarnPoints, state: MemberState, config: MembershipConfig = MEMBERSHIP_CONFIG): MemberEvent[] {
  const { visit } = command;
  if (state.status !== 'active' || !visit.customerPaid || !(visit.amount > 0)) return [];
  if (state.paidVisits.some((v) => v.visitId === visit.visitId)) return [];
  const paid: PaidVisit = { visitId: visit.visitId, amount: visit.amount, visitedAt: visit.visitedAt };
  const base = { memberId: command.memberId, customerId: state.customerId!, visitId: visit.visitId, vin: visit.vin, amount: visit.amount, visitedAt: visit.visitedAt };
  const counted: MemberEvent =
    Date.parse(visit.visitedAt) < Date.parse(state.enrolledAt!)
      ? { type: 'SpendCounted', data: { ...base, reason: `visit of ${visit.visitedAt.slice(0, 10)} is before the enrolment of ${state.enrolledAt!.slice(0, 10)}` } }
      : earned(state, base, config);
  return [counted, ...tierChange(state, [...state.paidVisits, paid], { loyaltySegment: command.loyaltySegment, trigger: 'visit', at: command.reviewAt }, config)];
}

function earned(state: MemberState, base: { memberId: string; customerId: string; visitId: string; vin: string; amount: number; visitedAt: string }, config: MembershipConfig): MemberEvent {
  const rate = config.earnRates[state.tier];
  const points = Math.floor(base.amount * rate);
  return {
    type: 'PointsEarned',
    data: { ...base, tier: state.tier, rate, points, lotId: base.visitId, expiresAt: addMonths(base.visitedAt, config.pointsExpiryMonths), balance: state.balance + points },
  };
}
