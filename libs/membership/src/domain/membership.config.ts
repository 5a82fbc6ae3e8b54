/**
 * The owners' club in one table (DOMAIN.md "Owners' club"): what each tier earns,
 * how long points live, the yearly benefit allowances and what a tier needs
 * (R-MB-1). Deciders take it as a parameter (default this one), so a dealer
 * group's own table is one object, and changing it never rewrites history: a lot's
 * expiry and an earning's rate are stored in the event that made them.
 */
export const TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

/** The primary segment of CustomerSegmentChanged (`to`); `regular` when never evaluated. */
export const LOYALTY_SEGMENTS = ['vip', 'churned', 'loyal', 'regular'] as const;
export type LoyaltySegment = (typeof LOYALTY_SEGMENTS)[number];

export const BENEFITS = ['free_towing', 'wheel_alignment', 'annual_inspection', 'car_wash'] as const;
export type Benefit = (typeof BENEFITS)[number];

export interface TierRule {
  tier: Tier;
  /** Customer-paid spend (yuan) over the 12 months before the review, at least. */
  minSpend12Months: number;
  /** Loyalty segments (primary) that qualify; absent: any. */
  segments?: readonly LoyaltySegment[];
}

export interface MembershipConfig {
  /** Points per yuan of a customer-paid visit, by the member's tier at the visit. */
  earnRates: Record<Tier, number>;
  /** A lot of points expires this many calendar months after the visit that earned it. */
  pointsExpiryMonths: number;
  /** Uses per calendar year (UTC) by tier; 0: not a benefit of that tier. */
  benefitAllowances: Record<Benefit, Record<Tier, number>>;
  /** R-MB-1: the first rule a member meets gives the tier; the last must have no conditions. */
  tierRules: readonly TierRule[];
  /** How far back spend counts for the tier, in calendar months. */
  spendWindowMonths: number;
}

export const MEMBERSHIP_CONFIG: MembershipConfig = {
  earnRates: { standard: 1, silver: 1.2, gold: 1.5, platinum: 2 },
  pointsExpiryMonths: 24,
  benefitAllowances: {
    free_towing: { standard: 1, silver: 2, gold: 3, platinum: 6 },
    wheel_alignment: { standard: 1, silver: 1, gold: 1, platinum: 2 },
    annual_inspection: { standard: 0, silver: 1, gold: 1, platinum: 1 },
    car_wash: { standard: 2, silver: 6, gold: 12, platinum: 24 },
  },
  tierRules: [
    { tier: 'platinum', minSpend12Months: 20_000, segments: ['loyal', 'vip'] },
    { tier: 'gold', minSpend12Months: 10_000, segments: ['loyal', 'vip'] },
    { tier: 'gold', minSpend12Months: 15_000 },
    { tier: 'silver', minSpend12Months: 3_000 },
    { tier: 'standard', minSpend12Months: 0 },
  ],
  spendWindowMonths: 12,
};
