import { events, memberSpec, MEMBER_ID } from '../testing/member-history.fixture';
import { decideEarnPoints, EarnPoints } from './earn-points.command';
import type { MemberTierChanged, PointsEarned, SpendCounted } from '../domain/member.events';
import { MEMBERSHIP_CONFIG } from '../domain/membership.config';

const spec = memberSpec(decideEarnPoints);

const visit = (over: Partial<EarnPoints['visit']> = {}, segment: EarnPoints['loyaltySegment'] = 'regular'): EarnPoints => ({
  memberId: MEMBER_ID,
  visit: { visitId: 'v-1', vin: 'LSVAU2180N2183294', amount: 680, visitedAt: '2026-03-09T10:00:00.000Z', customerPaid: true, ...over },
  reviewAt: '2026-03-09T11:00:00.000Z',
  loyaltySegment: segment,
});

describe('points from visits', () => {
  it('earns points at the tier rate for a customer-paid visit after enrolment, expiring after the configured months', () => {
    spec.given([events.enrolled()]).when(visit()).then((out) => {
      expect(out.map((e) => e.type)).toEqual(['PointsEarned']);
      expect((out[0] as PointsEarned).data).toMatchObject({ points: 680, rate: 1, tier: 'standard', lotId: 'v-1', balance: 680, expiresAt: '2028-03-09T10:00:00.000Z' });
    });
  });

  it('earns more per yuan in a higher tier', () => {
    spec.given([events.enrolled({ tier: 'gold' })]).when(visit({ amount: 1000 })).then((out) => {
      expect((out[0] as PointsEarned).data).toMatchObject({ points: 1000 * MEMBERSHIP_CONFIG.earnRates.gold, rate: MEMBERSHIP_CONFIG.earnRates.gold });
    });
  });

  it('earns nothing for free, warranty or insurance-paid work', () => {
    spec.given([events.enrolled()]).when(visit({ customerPaid: false })).then([]);
    spec.given([events.enrolled()]).when(visit({ amount: 0 })).then([]);
  });

  it('earns nothing for a customer who is not a member, or no longer one', () => {
    spec.given([]).when(visit()).then([]);
    spec.given([events.enrolled(), events.cancelled()]).when(visit()).then([]);
  });

  it('counts a visit dated before enrolment for spend only (visits before enrolment earn nothing)', () => {
    spec.given([events.enrolled()]).when(visit({ visitedAt: '2026-02-27T10:00:00.000Z' })).then((out) => {
      expect(out.map((e) => e.type)).toEqual(['SpendCounted']);
      expect((out[0] as SpendCounted).data.amount).toBe(680);
    });
  });

  it('counts a visit once, however often it is delivered', () => {
    spec.given([events.enrolled(), events.earned('v-1', 680, '2026-03-09T10:00:00.000Z', '2028-03-09T10:00:00.000Z', 680)]).when(visit()).then([]);
    spec.given([events.enrolled({ paidVisits: [{ visitId: 'v-1', amount: 680, visitedAt: '2026-02-27T10:00:00.000Z' }] })]).when(visit()).then([]);
  });

  it('moves the tier when the visit takes the 12-month spend over a threshold, with the reason (R-MB-1)', () => {
    spec.given([events.enrolled({ paidVisits: [{ visitId: 'v0', amount: 2_500, visitedAt: '2026-01-10T10:00:00.000Z' }] })]).when(visit({ amount: 800 })).then((out) => {
      expect(out.map((e) => e.type)).toEqual(['PointsEarned', 'MemberTierChanged']);
      expect((out[0] as PointsEarned).data.rate).toBe(MEMBERSHIP_CONFIG.earnRates.standard);
      const change = (out[1] as MemberTierChanged).data;
      expect(change).toMatchObject({ from: 'standard', to: 'silver', spend12Months: 3_300, loyaltySegment: 'regular', rule: 'R-MB-1', trigger: 'visit' });
      expect(change.reason).toMatch(/spend 3,300/);
    });
  });

  it('needs a loyal or VIP segment for platinum, whatever the spend (R-MB-1)', () => {
    const big = visit({ amount: 25_000 }, 'regular');
    spec.given([events.enrolled()]).when(big).then((out) => expect((out[1] as MemberTierChanged).data.to).toBe('gold'));
    spec.given([events.enrolled()]).when({ ...big, loyaltySegment: 'vip' }).then((out) => expect((out[1] as MemberTierChanged).data.to).toBe('platinum'));
  });
});
