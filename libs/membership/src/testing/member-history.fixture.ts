import { Actor, deciderSpec, SYSTEM_ACTOR } from '@aftercare/kernel';
import type { MemberEvent, PaidVisit } from '../domain/member.events';
import { evolveMember, initialMemberState, MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import type { Tier } from '../domain/membership.config';

/** Histories for decider specs: Mr Wang of dealer D1, enrolled on 1 March 2026. */
export const MEMBER_ID = 'mem-wang';
export const CUSTOMER_ID = 'cust-wang';
export const CARD_NO = 'AC123456789012';
export const ENROLLED_AT = '2026-03-01T09:00:00.000Z';

export const actors = {
  advisor: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' },
  manager: { id: 'csm-zhao', role: 'customer_service_manager', dealerId: 'D1' },
  otherDealerAdvisor: { id: 'sa-other', role: 'service_advisor', dealerId: 'D2' },
  oem: { id: 'rsm-zhang', role: 'regional_service_manager', dealerId: null, region: 'east' },
  auditor: { id: 'aud-1', role: 'auditor', dealerId: null },
  admin: { id: 'root', role: 'admin', dealerId: null },
  system: SYSTEM_ACTOR,
} satisfies Record<string, Actor>;

export function by(actor: Actor, at = '2026-03-10T10:00:00.000Z', recordedAt = at): MemberStep {
  return { memberId: MEMBER_ID, by: actor, at, recordedAt };
}

export const events = {
  enrolled: (over: { tier?: Tier; paidVisits?: PaidVisit[]; enrolledAt?: string } = {}): MemberEvent => ({
    type: 'MemberEnrolled',
    data: {
      memberId: MEMBER_ID,
      customerId: CUSTOMER_ID,
      dealerId: 'D1',
      cardNo: CARD_NO,
      tier: over.tier ?? 'standard',
      enrolledAt: over.enrolledAt ?? ENROLLED_AT,
      tierReason: 'R-MB-1: …',
      spend12Months: (over.paidVisits ?? []).reduce((s, v) => s + v.amount, 0),
      loyaltySegment: 'regular',
      paidVisits: over.paidVisits ?? [],
    },
  }),
  earned: (visitId: string, points: number, visitedAt: string, expiresAt: string, balance: number, amount = points): MemberEvent => ({
    type: 'PointsEarned',
    data: { memberId: MEMBER_ID, customerId: CUSTOMER_ID, visitId, vin: 'LSVAU2180N2183294', amount, visitedAt, tier: 'standard', rate: 1, points, lotId: visitId, expiresAt, balance },
  }),
  redeemed: (points: number, lots: { lotId: string; points: number }[], balance: number): MemberEvent => ({
    type: 'PointsRedeemed',
    data: { memberId: MEMBER_ID, points, reward: 'car care kit', redeemedAt: '2026-04-01T09:00:00.000Z', lots, balance },
  }),
  tierChanged: (from: Tier, to: Tier): MemberEvent => ({
    type: 'MemberTierChanged',
    data: {
      memberId: MEMBER_ID, customerId: CUSTOMER_ID, dealerId: 'D1', from, to, reason: 'R-MB-1: …', spend12Months: 0,
      loyaltySegment: 'loyal', rule: 'R-MB-1', trigger: 'review', reviewedAt: '2026-03-05T09:00:00.000Z',
    },
  }),
  cancelled: (): MemberEvent => ({
    type: 'MembershipCancelled',
    data: { memberId: MEMBER_ID, customerId: CUSTOMER_ID, dealerId: 'D1', reason: 'sold the car', pointsForfeited: 0, cancelledAt: '2026-03-20T09:00:00.000Z' },
  }),
};

/** given/when/then over a decide function of this context. */
export function memberSpec<C>(decide: (command: C, state: MemberState) => MemberEvent[]) {
  return deciderSpec<C, MemberState, MemberEvent>({ decide, evolve: evolveMember, initialState: initialMemberState });
}

export function stateOf(history: MemberEvent[]): MemberState {
  return history.reduce(evolveMember, initialMemberState());
}
