import type { Actor } from '@aftercare/kernel';
import { LoyaltySegment, MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import type { MemberEnrolled, PaidVisit } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import { MemberErrors } from '../domain/member.errors';
import { assertMayWrite } from '../domain/member.policy';
import { assessTier, spendInWindow } from '../domain/tier.rules';
import { cardNumberFor } from '../domain/card-number';

export interface EnrolMember {
  memberId: string;
  customerId: string;
  by: Actor;
  at: string;
  /** From the customer file: the customer's dealer, null when there is no such customer. */
  customerDealerId: string | null;
  /** The customer's customer-paid visits so far (from the vehicle streams). */
  paidVisits: PaidVisit[];
  /** From segmentation (R-SG-1): the primary segment now, `regular` when never evaluated. */
  loyaltySegment: LoyaltySegment;
}

/**
 * DOMAIN.md "Owners' club": enrolment with a card. One membership per customer:
 * an active one refuses a second enrolment; a cancelled one may enrol again, with
 * the same card and no points. The tier starts where R-MB-1 puts the customer's
 * history (spend of the window before enrolment, which never earns points).
 */
export function decideEnrolMember(command: EnrolMember, state: MemberState, config: MembershipConfig = MEMBERSHIP_CONFIG): MemberEnrolled[] {
  if (command.customerDealerId === null) throw MemberErrors.unknownCustomer(command.customerId);
  assertMayWrite(command.by, command.customerDealerId);
  if (state.status === 'active') throw MemberErrors.alreadyEnrolled(state.cardNo);
  const inWindow = command.paidVisits.filter((v) => spendInWindow([v], command.at, config) > 0);
  const assessment = assessTier(inWindow, command.loyaltySegment, command.at, config);
  return [
    {
      type: 'MemberEnrolled',
      data: {
        memberId: command.memberId,
        customerId: command.customerId,
        dealerId: command.customerDealerId,
        cardNo: state.cardNo ?? cardNumberFor(command.memberId),
        tier: assessment.tier,
        enrolledAt: command.at,
        tierReason: assessment.reason,
        spend12Months: assessment.spend12Months,
        loyaltySegment: command.loyaltySegment,
        paidVisits: inWindow,
      },
    },
  ];
}
