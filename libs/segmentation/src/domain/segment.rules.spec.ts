import { SEGMENT_RULE_SET as RULES } from './segment-rule-set';
import { CustomerSignals, signalsAsOf } from './customer-signals';
import { churnReasons, decideSegments, loyaltyReasons, vipReasons } from './segment.rules';
import { facts } from '../testing/customer-facts.fixture';

const base: CustomerSignals = {
  lastServiceAt: '2025-01-01T00:00:00.000Z', monthsWithoutService: 1, services: 0, onTimeServices: 0, onTimeShare: null, dealerShare: null,
  paidSpend: 0, paidVisits: 0, referrals: 0, avgCallbackScore: null, proactiveAppointments: 0, missedServices: 0, noShowExcuses: 0,
  purchases: 1, purchaseAmount: 200_000, sensitiveFlags: null, advisorId: 'A1',
};
const signals = (over: Partial<CustomerSignals>): CustomerSignals => ({ ...base, ...over });

describe('segment rules (DOMAIN.md "Segmentation", rule set v1)', () => {
  describe('churned / lapsed', () => {
    it('R-SG-2 churns a customer with no service or repair for 6 months', () => {
      expect(churnReasons(signals({ monthsWithoutService: 6, lastServiceAt: '2024-07-01T00:00:00.000Z' }), RULES)).toEqual([
        'no service or repair for 6+ months (last 2024-07-01)',
      ]);
      expect(churnReasons(signals({ monthsWithoutService: 5 }), RULES)).toEqual([]);
    });

    it('churns a customer who missed two booked services', () => {
      expect(churnReasons(signals({ missedServices: 2 }), RULES)).toEqual(['2 booked services missed in 12 months']);
      expect(churnReasons(signals({ missedServices: 1 }), RULES)).toEqual([]);
    });

    it('churns a customer who gave excuses at two booked appointments', () => {
      expect(churnReasons(signals({ missedServices: 1, noShowExcuses: 2 }), RULES)).toContain('2 excuses given at booked appointments in 12 months');
    });
  });

  describe('loyal', () => {
    const loyalSignals = { services: 3, onTimeServices: 3, onTimeShare: 1, dealerShare: 1 };

    it('is loyal with services on time, all done at this dealer', () => {
      expect(loyaltyReasons(signals(loyalSignals), RULES)).toEqual(['3 of 3 services on time by date or distance', '100% of due services done at this dealer']);
    });

    it('needs two loyalty signals: one alone is not enough', () => {
      expect(loyaltyReasons(signals({ services: 3, onTimeServices: 3, onTimeShare: 1, dealerShare: 0.5 }), RULES)).toEqual([]);
    });

    it('counts a top customer by spend or by paid visits', () => {
      expect(loyaltyReasons(signals({ paidSpend: 20_000, referrals: 1 }), RULES)).toHaveLength(2);
      expect(loyaltyReasons(signals({ paidVisits: 4, referrals: 1 }), RULES)).toHaveLength(2);
      expect(loyaltyReasons(signals({ paidVisits: 3, paidSpend: 19_999, referrals: 1 }), RULES)).toEqual([]);
    });

    it('counts referrals, high callback scores and appointments booked ahead', () => {
      expect(loyaltyReasons(signals({ referrals: 2, avgCallbackScore: 4.5, proactiveAppointments: 2 }), RULES)).toEqual([
        'referred 2 customers',
        'average callback score 4.5',
        '2 appointments booked ahead in 12 months',
      ]);
      expect(loyaltyReasons(signals({ referrals: 1, avgCallbackScore: 3.9 }), RULES)).toEqual([]);
    });

    it('is never loyal while churned', () => {
      const d = decideSegments(signals({ ...loyalSignals, monthsWithoutService: 7 }), RULES);
      expect(d.segments).toEqual(['churned']);
    });
  });

  describe('VIP', () => {
    it('is VIP when flagged vip or key account', () => {
      expect(vipReasons(signals({ sensitiveFlags: 'key_account,media' }), RULES)).toEqual(['flagged key_account']);
      expect(vipReasons(signals({ sensitiveFlags: 'demanding' }), RULES)).toEqual([]);
    });

    it('is VIP by purchase frequency or purchase amount', () => {
      expect(vipReasons(signals({ purchases: 2, purchaseAmount: 400_000 }), RULES)).toEqual(['2 vehicles bought']);
      expect(vipReasons(signals({ purchases: 1, purchaseAmount: 500_000 }), RULES)).toEqual(['500000 spent on vehicles']);
    });

    it('is VIP when depending on the dealer: high paid spend with most services here', () => {
      expect(vipReasons(signals({ paidSpend: 50_000, dealerShare: 1 }), RULES)).toHaveLength(1);
      expect(vipReasons(signals({ paidSpend: 50_000, dealerShare: 0.5 }), RULES)).toEqual([]);
    });
  });

  describe('precedence', () => {
    it('shows a churned VIP as vip, keeping both memberships', () => {
      const d = decideSegments(signals({ purchases: 2, monthsWithoutService: 8 }), RULES);
      expect(d.primary).toBe('vip');
      expect(d.segments).toEqual(['churned', 'vip']);
    });

    it('is regular with no segment signal', () => {
      expect(decideSegments(base, RULES)).toMatchObject({ primary: 'regular', segments: [], reasons: [] });
    });

    it('decides a customer serviced every 5 months as loyal', () => {
      const f = facts().vehicle('2024-01-01T00:00:00.000Z').visitsEvery(5, '2024-05-20T00:00:00.000Z', 4).build();
      expect(decideSegments(signalsAsOf(f, '2025-08-01T00:00:00.000Z', RULES), RULES).primary).toBe('loyal');
    });
  });
});
