import { SEGMENT_RULE_SET as RULES } from './segment-rule-set';
import { signalsAsOf, timeTriggers, wholeMonthsBetween } from './customer-signals';
import { facts } from '../testing/customer-facts.fixture';

describe('segmentation signals (DOMAIN.md "Segmentation")', () => {
  it('counts whole calendar months between two instants', () => {
    expect(wholeMonthsBetween('2025-01-31T00:00:00.000Z', '2025-02-28T00:00:00.000Z')).toBe(1);
    expect(wholeMonthsBetween('2025-01-15T00:00:00.000Z', '2025-07-14T23:59:59.000Z')).toBe(5);
    expect(wholeMonthsBetween('2025-01-15T00:00:00.000Z', '2025-07-15T00:00:00.000Z')).toBe(6);
  });

  it('dates the last service or repair, and counts the months without one', () => {
    const f = facts().vehicle('2024-01-10T00:00:00.000Z').visit('2024-06-01T00:00:00.000Z').visit('2024-09-01T00:00:00.000Z', { type: 'accessories' }).build();
    const s = signalsAsOf(f, '2025-01-02T00:00:00.000Z', RULES);
    expect(s.lastServiceAt).toBe('2024-06-01T00:00:00.000Z');
    expect(s.monthsWithoutService).toBe(7);
  });

  it('falls back to the delivery date before the first visit', () => {
    const s = signalsAsOf(facts().vehicle('2024-01-10T00:00:00.000Z').build(), '2024-03-10T00:00:00.000Z', RULES);
    expect(s.lastServiceAt).toBe('2024-01-10T00:00:00.000Z');
    expect(s.monthsWithoutService).toBe(2);
  });

  it('counts a service on time by date (within the interval and its grace) after the previous one', () => {
    const f = facts().vehicle('2024-01-01T00:00:00.000Z').visit('2024-06-01T00:00:00.000Z', { km: 30_000 }).visit('2025-06-01T00:00:00.000Z', { km: 60_000 }).build();
    const s = signalsAsOf(f, '2025-06-02T00:00:00.000Z', RULES);
    expect(s.services).toBe(2);
    expect(s.onTimeServices).toBe(1);
    expect(s.onTimeShare).toBe(0.5);
  });

  it('counts a late service as on time when it comes within the distance interval', () => {
    const f = facts().vehicle('2024-01-01T00:00:00.000Z').visit('2024-06-01T00:00:00.000Z', { km: 8_000 }).visit('2025-06-01T00:00:00.000Z', { km: 15_000 }).build();
    expect(signalsAsOf(f, '2025-06-02T00:00:00.000Z', RULES).onTimeServices).toBe(2);
  });

  it('measures the share of due services done at this dealer', () => {
    const f = facts().vehicle('2024-01-01T00:00:00.000Z').visit('2024-06-15T00:00:00.000Z').build();
    // Two services were due by 2025-01-01 (every 6 months), one was done here.
    expect(signalsAsOf(f, '2025-01-02T00:00:00.000Z', RULES).dealerShare).toBe(0.5);
    expect(signalsAsOf(f, '2024-07-02T00:00:00.000Z', RULES).dealerShare).toBe(1);
    expect(signalsAsOf(facts().vehicle('2024-01-01T00:00:00.000Z').build(), '2024-03-01T00:00:00.000Z', RULES).dealerShare).toBeNull();
  });

  it('sums only customer-paid spend and visits in the trailing 12 months', () => {
    const f = facts()
      .vehicle('2024-01-01T00:00:00.000Z')
      .visit('2024-02-01T00:00:00.000Z', { type: 'minor_repair', amount: 5_000 })
      .visit('2024-06-01T00:00:00.000Z', { type: 'first_service', amount: 0 })
      .visit('2024-07-01T00:00:00.000Z', { type: 'warranty', amount: 9_000 })
      .visit('2024-08-01T00:00:00.000Z', { type: 'accident_repair', amount: 20_000 })
      .visit('2025-01-15T00:00:00.000Z', { type: 'major_repair', amount: 3_000 })
      .build();
    const s = signalsAsOf(f, '2025-03-01T00:00:00.000Z', RULES);
    expect(s.paidSpend).toBe(3_000);
    expect(s.paidVisits).toBe(1);
  });

  it('counts referrals, the average callback score and appointments booked ahead', () => {
    const f = facts().referral('2024-03-01T00:00:00.000Z').callback('2024-04-01T00:00:00.000Z', 5).callback('2024-05-01T00:00:00.000Z', 4).booked('2024-05-01T00:00:00.000Z').build();
    const s = signalsAsOf(f, '2024-06-01T00:00:00.000Z', RULES);
    expect(s.referrals).toBe(1);
    expect(s.avgCallbackScore).toBe(4.5);
    expect(s.proactiveAppointments).toBe(1);
    expect(signalsAsOf(f, '2024-04-15T00:00:00.000Z', RULES).avgCallbackScore).toBe(5);
  });

  it('counts missed services and the excuses given in the trailing 12 months', () => {
    const f = facts().missed('2024-03-01T00:00:00.000Z', 'traffic').missed('2024-04-01T00:00:00.000Z').missed('2023-01-01T00:00:00.000Z', 'ill').build();
    const s = signalsAsOf(f, '2024-05-01T00:00:00.000Z', RULES);
    expect(s.missedServices).toBe(2);
    expect(s.noShowExcuses).toBe(1);
  });

  it('counts purchases and their amount, and the sensitive flags set by then', () => {
    const f = facts().vehicle('2024-01-01T00:00:00.000Z', 300_000).vehicle('2024-06-01T00:00:00.000Z', 250_000, 'VIN2').flag('vip', '2024-07-01T00:00:00.000Z').build();
    expect(signalsAsOf(f, '2024-03-01T00:00:00.000Z', RULES)).toMatchObject({ purchases: 1, purchaseAmount: 300_000, sensitiveFlags: null });
    expect(signalsAsOf(f, '2024-08-01T00:00:00.000Z', RULES)).toMatchObject({ purchases: 2, purchaseAmount: 550_000, sensitiveFlags: 'vip' });
  });

  it('names the advisor of most visits as the usual advisor', () => {
    const f = facts().visit('2024-01-01T00:00:00.000Z', { advisorId: 'A1' }).visit('2024-02-01T00:00:00.000Z', { advisorId: 'A2' }).visit('2024-03-01T00:00:00.000Z', { advisorId: 'A2' }).build();
    expect(signalsAsOf(f, '2024-04-01T00:00:00.000Z', RULES).advisorId).toBe('A2');
  });

  it('ignores facts after the as-of instant: the same history gives the same signals for the same date (R-SG-2)', () => {
    const early = facts().vehicle('2024-01-01T00:00:00.000Z').visit('2024-06-01T00:00:00.000Z').build();
    const later = facts().vehicle('2024-01-01T00:00:00.000Z').visit('2024-06-01T00:00:00.000Z').visit('2024-09-01T00:00:00.000Z').referral('2024-10-01T00:00:00.000Z').build();
    expect(signalsAsOf(later, '2024-07-01T00:00:00.000Z', RULES)).toEqual(signalsAsOf(early, '2024-07-01T00:00:00.000Z', RULES));
  });

  it('lists the instants a time-based signal turns: a service lapsing after 6 months and leaving the 12-month window', () => {
    const triggers = timeTriggers(facts().visit('2024-06-01T00:00:00.000Z').build(), RULES);
    expect(triggers).toEqual(['2024-06-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z']);
  });
});
