import type { RecordedEvent } from '@aftercare/kernel';
import type { MemberEvent } from '../../domain/member.events';
import { takeFromLots } from '../../domain/member.state';
import { fifo } from '../../domain/points.lots';
import type { MemberDetailsDoc, MemberHistoryEntry } from './member-details.document';

type Change = { points: number | null; details: Record<string, unknown> };

function change(event: MemberEvent): Change {
  switch (event.type) {
    case 'MemberEnrolled':
      return { points: null, details: { cardNo: event.data.cardNo, tier: event.data.tier, reason: event.data.tierReason, spend12Months: event.data.spend12Months } };
    case 'PointsEarned':
      return { points: event.data.points, details: { visitId: event.data.visitId, amount: event.data.amount, rate: event.data.rate, expiresAt: event.data.expiresAt } };
    case 'SpendCounted':
      return { points: null, details: { visitId: event.data.visitId, amount: event.data.amount, reason: event.data.reason } };
    case 'PointsRedeemed':
      return { points: -event.data.points, details: { reward: event.data.reward } };
    case 'PointsExpired':
      return { points: -event.data.points, details: { lots: event.data.lots } };
    case 'BenefitUsed':
      return { points: null, details: { benefit: event.data.benefit, year: event.data.year, usedThisYear: event.data.usedThisYear, allowance: event.data.allowance } };
    case 'ActivityRecorded':
      return { points: null, details: { activityId: event.data.activityId } };
    case 'InterestsRecorded':
      return { points: null, details: { added: event.data.added, removed: event.data.removed } };
    case 'MemberTierChanged':
      return { points: null, details: { from: event.data.from, to: event.data.to, reason: event.data.reason, trigger: event.data.trigger } };
    case 'MembershipCancelled':
      return { points: event.data.pointsForfeited ? -event.data.pointsForfeited : null, details: { reason: event.data.reason } };
  }
}

function withLots(doc: MemberDetailsDoc, lots: MemberDetailsDoc['lots']): MemberDetailsDoc {
  const ordered = fifo(lots);
  return { ...doc, lots: ordered, nextExpiryAt: ordered[0]?.expiresAt ?? null };
}

function apply(doc: MemberDetailsDoc | null, event: MemberEvent): MemberDetailsDoc | null {
  if (event.type === 'MemberEnrolled') {
    const d = event.data;
    const base: MemberDetailsDoc = doc ?? {
      _id: d.memberId, id: d.memberId, customerId: d.customerId, dealerId: d.dealerId, cardNo: d.cardNo, status: 'active', tier: d.tier,
      tierReason: d.tierReason, loyaltySegment: d.loyaltySegment, spend12Months: d.spend12Months, points: 0, pointsEarned: 0, pointsRedeemed: 0,
      pointsExpired: 0, lots: [], nextExpiryAt: null, benefitsUsed: [], activities: [], interests: [], enrolledAt: d.enrolledAt,
      cancelledAt: null, cancelReason: null, history: [], updatedAt: d.enrolledAt, revision: -1,
    };
    // A re-enrolment: a new card life, history and interests kept.
    return {
      ...base, dealerId: d.dealerId, cardNo: d.cardNo, status: 'active', tier: d.tier, tierReason: d.tierReason, loyaltySegment: d.loyaltySegment,
      spend12Months: d.spend12Months, points: 0, lots: [], nextExpiryAt: null, benefitsUsed: [], enrolledAt: d.enrolledAt, cancelledAt: null, cancelReason: null,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'PointsEarned': {
      const d = event.data;
      const lots = d.points > 0 ? [...doc.lots, { lotId: d.lotId, earnedAt: d.visitedAt, expiresAt: d.expiresAt, remaining: d.points }] : doc.lots;
      return withLots({ ...doc, points: d.balance, pointsEarned: doc.pointsEarned + d.points }, lots);
    }
    case 'PointsRedeemed':
      return withLots({ ...doc, points: event.data.balance, pointsRedeemed: doc.pointsRedeemed + event.data.points }, takeFromLots(doc.lots, event.data.lots));
    case 'PointsExpired':
      return withLots({ ...doc, points: event.data.balance, pointsExpired: doc.pointsExpired + event.data.points }, takeFromLots(doc.lots, event.data.lots));
    case 'BenefitUsed': {
      const d = event.data;
      const others = doc.benefitsUsed.filter((b) => !(b.year === d.year && b.benefit === d.benefit));
      return { ...doc, benefitsUsed: [...others, { year: d.year, benefit: d.benefit, used: d.usedThisYear, allowance: d.allowance }] };
    }
    case 'ActivityRecorded':
      return { ...doc, activities: [...doc.activities, { activityId: event.data.activityId, occurredAt: event.data.occurredAt }] };
    case 'InterestsRecorded':
      return { ...doc, interests: [...event.data.interests] };
    case 'MemberTierChanged':
      return { ...doc, tier: event.data.to, tierReason: event.data.reason, loyaltySegment: event.data.loyaltySegment, spend12Months: event.data.spend12Months };
    case 'MembershipCancelled':
      return withLots({ ...doc, status: 'cancelled', points: 0, cancelledAt: event.data.cancelledAt, cancelReason: event.data.reason }, []);
    default:
      return doc;
  }
}

/**
 * `member-details`: API.md's member shape (`id, customerId, cardNo, tier, points,
 * history[]`) and more. Pure; an event whose revision the document has already
 * applied is skipped, so a re-run batch changes nothing.
 */
export function evolveMemberDetails(doc: MemberDetailsDoc | null, recorded: RecordedEvent): MemberDetailsDoc | null {
  if (doc && recorded.revision <= doc.revision) return doc;
  const event = recorded as unknown as MemberEvent;
  const next = apply(doc, event);
  if (!next) return null;
  const { points, details } = change(event);
  const entry: MemberHistoryEntry = {
    type: recorded.type,
    at: recorded.metadata.occurredAt,
    recordedAt: recorded.metadata.recordedAt,
    actorId: recorded.metadata.actor.id,
    role: recorded.metadata.actor.role,
    revision: recorded.revision,
    points,
    balance: next.points,
    details,
  };
  return { ...next, history: [...next.history, entry], revision: recorded.revision, updatedAt: recorded.metadata.recordedAt };
}
