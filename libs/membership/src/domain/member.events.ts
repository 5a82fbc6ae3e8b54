import type { DomainEvent } from '@aftercare/kernel';
import type { Benefit, LoyaltySegment, Tier } from './membership.config';

/** Stored type strings: fixed here, never derived from class names (STYLE.md "Naming"). */
export const MemberEventTypes = {
  MemberEnrolled: 'MemberEnrolled',
  PointsEarned: 'PointsEarned',
  SpendCounted: 'SpendCounted',
  PointsRedeemed: 'PointsRedeemed',
  PointsExpired: 'PointsExpired',
  BenefitUsed: 'BenefitUsed',
  ActivityRecorded: 'ActivityRecorded',
  InterestsRecorded: 'InterestsRecorded',
  MemberTierChanged: 'MemberTierChanged',
  MembershipCancelled: 'MembershipCancelled',
} as const;

export const MEMBER_EVENT_TYPES: string[] = Object.values(MemberEventTypes);

/** A customer-paid visit as the tier's spend counts it (R-MB-1). */
export interface PaidVisit {
  visitId: string;
  amount: number;
  visitedAt: string;
}

/** What moved the tier: a visit (spend), a segment change (loyalty), enrolment, or a review asked for by hand. */
export type TierTrigger = 'enrolment' | 'visit' | 'segment' | 'review';

export type MemberEnrolled = DomainEvent<
  'MemberEnrolled',
  {
    memberId: string;
    customerId: string;
    dealerId: string;
    cardNo: string;
    tier: Tier;
    enrolledAt: string;
    /** R-MB-1 at enrolment: why this tier. */
    tierReason: string;
    spend12Months: number;
    loyaltySegment: LoyaltySegment;
    /** The customer-paid visits of the spend window before enrolment (they count for the tier, never for points). */
    paidVisits: PaidVisit[];
  }
>;

/** A customer-paid visit after enrolment: a lot of points that expires on its own date. */
export type PointsEarned = DomainEvent<
  'PointsEarned',
  {
    memberId: string;
    customerId: string;
    visitId: string;
    vin: string;
    amount: number;
    visitedAt: string;
    tier: Tier;
    rate: number;
    points: number;
    /** The lot's id is the visit's. */
    lotId: string;
    expiresAt: string;
    balance: number;
  }
>;

/** A customer-paid visit that counts for the tier but earns nothing (dated before enrolment, filed late). */
export type SpendCounted = DomainEvent<
  'SpendCounted',
  { memberId: string; customerId: string; visitId: string; vin: string; amount: number; visitedAt: string; reason: string }
>;

export interface LotTaken {
  lotId: string;
  points: number;
}

/** R-MB-2: never more than the balance usable at the redemption; oldest lots first. */
export type PointsRedeemed = DomainEvent<
  'PointsRedeemed',
  { memberId: string; points: number; reward: string; redeemedAt: string; lots: LotTaken[]; balance: number }
>;

export type PointsExpired = DomainEvent<
  'PointsExpired',
  { memberId: string; points: number; expiredAt: string; lots: (LotTaken & { expiresAt: string })[]; balance: number }
>;

export type BenefitUsed = DomainEvent<
  'BenefitUsed',
  { memberId: string; benefit: Benefit; usedAt: string; year: number; tier: Tier; usedThisYear: number; allowance: number }
>;

export type ActivityRecorded = DomainEvent<'ActivityRecorded', { memberId: string; activityId: string; occurredAt: string }>;

/** The member's interests now (replacing the earlier set), with what changed. */
export type InterestsRecorded = DomainEvent<'InterestsRecorded', { memberId: string; interests: string[]; added: string[]; removed: string[] }>;

/** R-MB-1: every change of tier, with its reason. */
export type MemberTierChanged = DomainEvent<
  'MemberTierChanged',
  {
    memberId: string;
    customerId: string;
    dealerId: string;
    from: Tier;
    to: Tier;
    reason: string;
    spend12Months: number;
    loyaltySegment: LoyaltySegment;
    rule: 'R-MB-1';
    trigger: TierTrigger;
    reviewedAt: string;
  }
>;

/** Cancellation forfeits the points left. */
export type MembershipCancelled = DomainEvent<
  'MembershipCancelled',
  { memberId: string; customerId: string; dealerId: string; reason: string; pointsForfeited: number; cancelledAt: string }
>;

export type MemberEvent =
  | MemberEnrolled
  | PointsEarned
  | SpendCounted
  | PointsRedeemed
  | PointsExpired
  | BenefitUsed
  | ActivityRecorded
  | InterestsRecorded
  | MemberTierChanged
  | MembershipCancelled;
