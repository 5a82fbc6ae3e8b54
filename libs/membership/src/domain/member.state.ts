import type { Tier, LoyaltySegment } from './membership.config';
import type { MemberEvent, PaidVisit } from './member.events';

/** A lot of points: what one visit earned, used oldest first, unusable from `expiresAt` on. */
export interface PointsLot {
  lotId: string;
  earnedAt: string;
  expiresAt: string;
  remaining: number;
}

export interface MemberState {
  status: 'active' | 'cancelled' | null;
  memberId: string | null;
  customerId: string | null;
  dealerId: string | null;
  cardNo: string | null;
  tier: Tier;
  loyaltySegment: LoyaltySegment;
  enrolledAt: string | null;
  /** Customer-paid visits known to the membership (spend of R-MB-1), by visit id. */
  paidVisits: PaidVisit[];
  lots: PointsLot[];
  balance: number;
  /** `<year>:<benefit>` → uses. */
  benefitUses: Record<string, number>;
  activities: string[];
  interests: string[];
}

export function initialMemberState(): MemberState {
  return {
    status: null,
    memberId: null,
    customerId: null,
    dealerId: null,
    cardNo: null,
    tier: 'standard',
    loyaltySegment: 'regular',
    enrolledAt: null,
    paidVisits: [],
    lots: [],
    balance: 0,
    benefitUses: {},
    activities: [],
    interests: [],
  };
}

export const benefitKey = (year: number, benefit: string) => `${year}:${benefit}`;

/** Lots after points were taken from them (redeemed or expired); emptied lots go. */
export function takeFromLots(lots: PointsLot[], taken: { lotId: string; points: number }[]): PointsLot[] {
  const by = new Map(taken.map((t) => [t.lotId, t.points]));
  return lots.map((lot) => (by.has(lot.lotId) ? { ...lot, remaining: lot.remaining - (by.get(lot.lotId) ?? 0) } : lot)).filter((lot) => lot.remaining > 0);
}

export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  switch (event.type) {
    case 'MemberEnrolled': {
      const d = event.data;
      // A re-enrolment starts a new card life: no points, this window's visits.
      return {
        ...initialMemberState(),
        status: 'active',
        memberId: d.memberId,
        customerId: d.customerId,
        dealerId: d.dealerId,
        cardNo: d.cardNo,
        tier: d.tier,
        loyaltySegment: d.loyaltySegment,
        enrolledAt: d.enrolledAt,
        paidVisits: [...d.paidVisits],
        activities: state.activities,
        interests: state.interests,
      };
    }
    case 'PointsEarned': {
      const d = event.data;
      return {
        ...state,
        paidVisits: [...state.paidVisits, { visitId: d.visitId, amount: d.amount, visitedAt: d.visitedAt }],
        lots: d.points > 0 ? [...state.lots, { lotId: d.lotId, earnedAt: d.visitedAt, expiresAt: d.expiresAt, remaining: d.points }] : state.lots,
        balance: d.balance,
      };
    }
    case 'SpendCounted': {
      const d = event.data;
      return { ...state, paidVisits: [...state.paidVisits, { visitId: d.visitId, amount: d.amount, visitedAt: d.visitedAt }] };
    }
    case 'PointsRedeemed':
      return { ...state, lots: takeFromLots(state.lots, event.data.lots), balance: event.data.balance };
    case 'PointsExpired':
      return { ...state, lots: takeFromLots(state.lots, event.data.lots), balance: event.data.balance };
    case 'BenefitUsed': {
      const key = benefitKey(event.data.year, event.data.benefit);
      return { ...state, benefitUses: { ...state.benefitUses, [key]: event.data.usedThisYear } };
    }
    case 'ActivityRecorded':
      return { ...state, activities: [...state.activities, event.data.activityId] };
    case 'InterestsRecorded':
      return { ...state, interests: [...event.data.interests] };
    case 'MemberTierChanged':
      return { ...state, tier: event.data.to, loyaltySegment: event.data.loyaltySegment };
    case 'MembershipCancelled':
      return { ...state, status: 'cancelled', lots: [], balance: 0 };
    default:
      return state;
  }
}
