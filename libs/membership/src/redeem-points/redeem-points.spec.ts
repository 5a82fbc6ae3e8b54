import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideRedeemPoints, RedeemPoints } from './redeem-points.command';
import type { PointsExpired, PointsRedeemed } from '../domain/member.events';

const spec = memberSpec(decideRedeemPoints);
const redeem = (points: number, at = '2026-04-01T09:00:00.000Z', actor = actors.advisor): RedeemPoints => ({ ...by(actor, at), points, reward: 'car care kit' });

// Two lots: 300 points expiring in June 2026, 500 expiring in 2028.
const withTwoLots = () => [
  events.enrolled(),
  events.earned('v-old', 300, '2024-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z', 300),
  events.earned('v-new', 500, '2026-03-09T09:00:00.000Z', '2028-03-09T09:00:00.000Z', 800),
];

describe('redeeming points', () => {
  it('takes the points from the lots that expire first', () => {
    spec.given(withTwoLots()).when(redeem(400)).then((out) => {
      expect(out.map((e) => e.type)).toEqual(['PointsRedeemed']);
      expect((out[0] as PointsRedeemed).data).toMatchObject({ points: 400, reward: 'car care kit', balance: 400, lots: [{ lotId: 'v-old', points: 300 }, { lotId: 'v-new', points: 100 }] });
    });
  });

  it('redeems the whole balance down to zero (R-MB-2)', () => {
    spec.given(withTwoLots()).when(redeem(800)).then((out) => expect((out[0] as PointsRedeemed).data.balance).toBe(0));
  });

  it('refuses a redemption over the balance, so points never go below zero (R-MB-2)', () => {
    const err = spec.given(withTwoLots()).when(redeem(801)).thenThrows('MEMBER.INSUFFICIENT_POINTS');
    expect(err.details).toEqual({ asked: 801, usable: 800 });
  });

  it('refuses a redemption after earlier redemptions used the balance (R-MB-2)', () => {
    spec.given([...withTwoLots(), events.redeemed(700, [{ lotId: 'v-old', points: 300 }, { lotId: 'v-new', points: 400 }], 100)]).when(redeem(101)).thenThrows('MEMBER.INSUFFICIENT_POINTS');
  });

  it('cannot use points expired by the time of the redemption, even before the expiry worker ran, and records their expiry', () => {
    const afterJune = '2026-07-01T09:00:00.000Z';
    spec.given(withTwoLots()).when(redeem(600, afterJune)).thenThrows('MEMBER.INSUFFICIENT_POINTS');
    spec.given(withTwoLots()).when(redeem(500, afterJune)).then((out) => {
      expect(out.map((e) => e.type)).toEqual(['PointsExpired', 'PointsRedeemed']);
      expect((out[0] as PointsExpired).data).toMatchObject({ points: 300, balance: 500 });
      expect((out[1] as PointsRedeemed).data).toMatchObject({ balance: 0, lots: [{ lotId: 'v-new', points: 500 }] });
    });
  });

  it('refuses zero, negative or fractional points', () => {
    spec.given(withTwoLots()).when(redeem(0)).thenThrows('MEMBER.INVALID_POINTS');
    spec.given(withTwoLots()).when(redeem(-5)).thenThrows('MEMBER.INVALID_POINTS');
    spec.given(withTwoLots()).when(redeem(1.5)).thenThrows('MEMBER.INVALID_POINTS');
  });

  it('refuses a cancelled membership, and another dealer', () => {
    spec.given([...withTwoLots(), events.cancelled()]).when(redeem(10)).thenThrows('MEMBER.CANCELLED');
    spec.given(withTwoLots()).when(redeem(10, undefined, actors.otherDealerAdvisor)).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
