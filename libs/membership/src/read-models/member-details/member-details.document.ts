import type { Benefit, LoyaltySegment, Tier } from '../../domain/membership.config';
import type { PointsLot } from '../../domain/member.state';

export const MEMBER_DETAILS = 'member_details';

/** One line of the member's history: every event of the membership, newest last. */
export interface MemberHistoryEntry {
  type: string;
  /** Business time. */
  at: string;
  recordedAt: string;
  actorId: string;
  role: string;
  /** Stream revision of the event. */
  revision: number;
  /** Signed change of the balance (earned +, redeemed/expired/forfeited −), null when none. */
  points: number | null;
  /** Balance after the event. */
  balance: number;
  /** What the event says, in short (reason of a tier change, reward, benefit, …). */
  details: Record<string, unknown>;
}

export interface MemberDetailsDoc {
  _id: string;
  id: string;
  customerId: string;
  dealerId: string;
  cardNo: string;
  status: 'active' | 'cancelled';
  tier: Tier;
  /** R-MB-1: why the member has this tier (enrolment or the last change). */
  tierReason: string;
  loyaltySegment: LoyaltySegment;
  /** The 12-month customer-paid spend of the last tier decision. */
  spend12Months: number;
  /** The balance: earned − redeemed − expired (− forfeited at cancellation). */
  points: number;
  pointsEarned: number;
  pointsRedeemed: number;
  pointsExpired: number;
  /** Lots with points left, oldest expiry first. */
  lots: PointsLot[];
  /** Earliest expiry of a lot with points left (the expiry worker's index); null when none. */
  nextExpiryAt: string | null;
  benefitsUsed: { year: number; benefit: Benefit; used: number; allowance: number }[];
  activities: { activityId: string; occurredAt: string }[];
  interests: string[];
  enrolledAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  history: MemberHistoryEntry[];
  updatedAt: string;
  /** Stream revision: the ETag. */
  revision: number;
  [key: string]: unknown;
}
