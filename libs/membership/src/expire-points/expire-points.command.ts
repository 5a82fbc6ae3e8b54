import type { PointsExpired } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import { expiredLots } from '../domain/points.lots';

/**
 * Points expiry: the lots whose expiry has passed by `at` with points left go, in
 * one event. Nothing to expire (or not an active member): nothing. Used by the
 * expiry worker and before a redemption, so the balance never counts dead points.
 */
export function decideExpirePoints(command: { memberId: string; at: string }, state: MemberState): PointsExpired[] {
  if (state.status !== 'active') return [];
  const lots = expiredLots(state.lots, command.at);
  if (lots.length === 0) return [];
  const points = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  return [
    {
      type: 'PointsExpired',
      data: {
        memberId: command.memberId,
        points,
        expiredAt: command.at,
        lots: lots.map((lot) => ({ lotId: lot.lotId, points: lot.remaining, expiresAt: lot.expiresAt })),
        balance: state.balance - points,
      },
    },
  ];
}
