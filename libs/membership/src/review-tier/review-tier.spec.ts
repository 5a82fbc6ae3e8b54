import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideReviewTier, ReviewTier } from './review-tier.command';
import type { MemberTierChanged } from '../domain/member.events';
import { LoyaltySegment, MEMBERSHIP_CONFIG } from '../domain/membership.config';
import { assessTier } from '../domain/tier.rules';

const spec = memberSpec(decideReviewTier);
const review = (loyaltySegment: LoyaltySegment, at = '2026-04-01T09:00:00.000Z'): ReviewTier => ({ ...by(actors.admin, at), loyaltySegment, trigger: 'review' });
const spent = (amount: number, visitedAt = '2026-01-10T09:00:00.000Z') => events.enrolled({ paidVisits: [{ visitId: 'v0', amount, visitedAt }] });

describe('tier review (R-MB-1)', () => {
  it('moves a loyal member with 20,000 of 12-month spend to platinum, with the reason', () => {
    spec.given([spent(21_000)]).when(review('loyal')).then((out) => {
      const data = (out[0] as MemberTierChanged).data;
      expect(data).toMatchObject({ from: 'standard', to: 'platinum', spend12Months: 21_000, loyaltySegment: 'loyal', rule: 'R-MB-1', trigger: 'review' });
      expect(data.reason).toBe('R-MB-1: 12-month customer-paid spend 21,000 and loyalty segment loyal meet platinum (spend ≥ 20,000, segment loyal or vip)');
    });
  });

  it('appends nothing when the tier stays the same (R-MB-1)', () => {
    spec.given([spent(500)]).when(review('regular')).then([]);
  });

  it('lowers the tier when the spend drops out of the 12-month window (R-MB-1)', () => {
    spec.given([spent(4_000, '2025-05-01T09:00:00.000Z'), events.tierChanged('standard', 'silver')]).when(review('regular', '2026-05-02T09:00:00.000Z')).then((out) => {
      expect((out[0] as MemberTierChanged).data).toMatchObject({ from: 'silver', to: 'standard', spend12Months: 0 });
    });
  });

  it('lowers a platinum member who churned to gold at most (R-MB-1)', () => {
    spec.given([spent(21_000), events.tierChanged('standard', 'platinum')]).when(review('churned')).then((out) => {
      expect((out[0] as MemberTierChanged).data).toMatchObject({ from: 'platinum', to: 'gold', loyaltySegment: 'churned' });
    });
  });

  it('refuses a cancelled membership', () => {
    spec.given([spent(21_000), events.cancelled()]).when(review('loyal')).thenThrows('MEMBER.CANCELLED');
  });

  it('follows the config table: the first rule met gives the tier (R-MB-1)', () => {
    const visits = [{ visitId: 'v', amount: 12_000, visitedAt: '2026-03-01T00:00:00.000Z' }];
    expect(assessTier(visits, 'vip', '2026-04-01T00:00:00.000Z').tier).toBe('gold');
    expect(assessTier(visits, 'regular', '2026-04-01T00:00:00.000Z').tier).toBe('silver');
    expect(assessTier(visits, 'regular', '2027-03-01T00:00:00.000Z').tier).toBe('standard');
    const custom = { tierRules: [{ tier: 'gold' as const, minSpend12Months: 1_000 }, { tier: 'standard' as const, minSpend12Months: 0 }] };
    expect(assessTier(visits, 'regular', '2026-04-01T00:00:00.000Z', { ...MEMBERSHIP_CONFIG, ...custom }).tier).toBe('gold');
  });
});
