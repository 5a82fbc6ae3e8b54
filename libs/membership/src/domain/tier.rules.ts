import { addMonths } from '@aftercare/kernel';
import { LoyaltySegment, MEMBERSHIP_CONFIG, MembershipConfig, Tier, TierRule } from './membership.config';
import type { PaidVisit } from './member.events';

/** Customer-paid spend of the visits in (asOf − window, asOf]: the spend R-MB-1 counts. */
export function spendInWindow(visits: readonly PaidVisit[], asOf: string, config: MembershipConfig = MEMBERSHIP_CONFIG): number {
  const from = Date.parse(addMonths(asOf, -config.spendWindowMonths));
  const to = Date.parse(asOf);
  let total = 0;
  for (const v of visits) {
    const at = Date.parse(v.visitedAt);
    if (at > from && at <= to) total += v.amount;
  }
  return Math.round(total * 100) / 100;
}

export interface TierAssessment {
  tier: Tier;
  spend12Months: number;
  loyaltySegment: LoyaltySegment;
  /** Human readable, e.g. "12-month spend 21,000 and segment loyal meet platinum (spend ≥ 20,000, segment loyal or vip)". */
  reason: string;
}

const yuan = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function meets(rule: TierRule, spend: number, segment: LoyaltySegment): boolean {
  return spend >= rule.minSpend12Months && (!rule.segments || rule.segments.includes(segment));
}

function describe(rule: TierRule): string {
  const parts = [`spend ≥ ${yuan(rule.minSpend12Months)}`];
  if (rule.segments) parts.push(`segment ${rule.segments.join(' or ')}`);
  return parts.join(', ');
}

/**
 * R-MB-1: the tier from loyalty segment and customer-paid spend of the last 12
 * months: the first rule of the config table the member meets.
 */
export function assessTier(visits: readonly PaidVisit[], segment: LoyaltySegment, asOf: string, config: MembershipConfig = MEMBERSHIP_CONFIG): TierAssessment {
  const spend = spendInWindow(visits, asOf, config);
  const rule = config.tierRules.find((r) => meets(r, spend, segment)) ?? { tier: 'standard' as Tier, minSpend12Months: 0 };
  const reason = `R-MB-1: ${config.spendWindowMonths}-month customer-paid spend ${yuan(spend)} and loyalty segment ${segment} meet ${rule.tier} (${describe(rule)})`;
  return { tier: rule.tier, spend12Months: spend, loyaltySegment: segment, reason };
}
