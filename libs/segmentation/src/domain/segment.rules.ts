import type { CustomerSignals } from './customer-signals';
import type { SegmentRuleSet } from './segment-rule-set';
import type { PrimarySegment, Segment, SignalValue } from './segment.events';

export interface SegmentDecision {
  /** Every membership (a VIP can also be churned), in SEGMENTS order. */
  segments: Segment[];
  primary: PrimarySegment;
  /** Why, in words: one line per signal that decided a membership. */
  reasons: string[];
  /** Reasons per membership, for the segment pages. */
  reasonsBySegment: Partial<Record<Segment, string[]>>;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'never');

/** R-SG-1 churned / lapsed: no service or repair for 6+ months; 2+ scheduled services missed; excuses at booked appointments. */
export function churnReasons(s: CustomerSignals, rules: SegmentRuleSet): string[] {
  const r = rules.churned;
  const reasons: string[] = [];
  if (s.monthsWithoutService !== null && s.monthsWithoutService >= r.monthsWithoutService) {
    // Worded with the threshold, so the reason stays true for the whole membership.
    reasons.push(`no service or repair for ${r.monthsWithoutService}+ months (last ${day(s.lastServiceAt)})`);
  }
  if (s.missedServices >= r.missedServices) reasons.push(`${s.missedServices} booked services missed in ${rules.windowMonths} months`);
  if (s.noShowExcuses >= r.noShowExcuses) reasons.push(`${s.noShowExcuses} excuses given at booked appointments in ${rules.windowMonths} months`);
  return reasons;
}

/** Loyal: enough of the loyalty signals, and not lapsed. */
export function loyaltyReasons(s: CustomerSignals, rules: SegmentRuleSet): string[] {
  const r = rules.loyal;
  const reasons: string[] = [];
  if (s.services >= r.minServicesForOnTime && s.onTimeShare !== null && s.onTimeShare >= r.onTimeShare) {
    reasons.push(`${s.onTimeServices} of ${s.services} services on time by date or distance`);
  }
  if (s.services > 0 && s.dealerShare !== null && s.dealerShare >= r.dealerShare) reasons.push(`${Math.round(s.dealerShare * 100)}% of due services done at this dealer`);
  if (s.paidSpend >= r.topSpend || s.paidVisits >= r.topVisits) {
    reasons.push(`top customer: ${s.paidSpend} paid spend over ${s.paidVisits} paid visits in ${rules.windowMonths} months`);
  }
  if (s.referrals >= r.referrals) reasons.push(`referred ${s.referrals} customer${s.referrals === 1 ? '' : 's'}`);
  if (s.avgCallbackScore !== null && s.avgCallbackScore >= r.callbackScore) reasons.push(`average callback score ${s.avgCallbackScore}`);
  if (s.proactiveAppointments >= r.proactiveAppointments) reasons.push(`${s.proactiveAppointments} appointments booked ahead in ${rules.windowMonths} months`);
  return reasons.length >= r.minSignals ? reasons : [];
}

/** VIP / key account: purchase frequency and amount, dependence on the dealer's service, a vip or key-account flag. */
export function vipReasons(s: CustomerSignals, rules: SegmentRuleSet): string[] {
  const r = rules.vip;
  const reasons: string[] = [];
  const flags = s.sensitiveFlags ? s.sensitiveFlags.split(',') : [];
  for (const kind of flags) if (r.sensitiveKinds.includes(kind)) reasons.push(`flagged ${kind}`);
  if (s.purchases >= r.purchases) reasons.push(`${s.purchases} vehicles bought`);
  if (s.purchaseAmount >= r.purchaseAmount) reasons.push(`${s.purchaseAmount} spent on vehicles`);
  if (s.paidSpend >= r.dependenceSpend && s.dealerShare !== null && s.dealerShare >= r.dependenceShare) {
    reasons.push(`depends on this dealer: ${s.paidSpend} paid spend in ${rules.windowMonths} months`);
  }
  return reasons;
}

/** The memberships and the primary segment (precedence vip > churned > loyal > regular). */
export function decideSegments(s: CustomerSignals, rules: SegmentRuleSet): SegmentDecision {
  const churned = churnReasons(s, rules);
  const loyal = churned.length ? [] : loyaltyReasons(s, rules);
  const vip = vipReasons(s, rules);
  const reasonsBySegment: Partial<Record<Segment, string[]>> = {};
  const segments: Segment[] = [];
  if (loyal.length) (segments.push('loyal'), (reasonsBySegment.loyal = loyal));
  if (churned.length) (segments.push('churned'), (reasonsBySegment.churned = churned));
  if (vip.length) (segments.push('vip'), (reasonsBySegment.vip = vip));
  const primary: PrimarySegment = vip.length ? 'vip' : churned.length ? 'churned' : loyal.length ? 'loyal' : 'regular';
  return { segments, primary, reasons: [...vip, ...churned, ...loyal], reasonsBySegment };
}

/** The signals as an event carries them. */
export function signalRecord(s: CustomerSignals): Record<string, SignalValue> {
  return { ...s };
}
