import type { MemberEvent, PointsRedeemed } from '../domain/member.events';
import { evolveMember, MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { MemberErrors } from '../domain/member.errors';
import { assertActiveMember } from '../domain/member.policy';
import { takeFifo, usablePoints } from '../domain/points.lots';
import { decideExpirePoints } from '../expire-points/expire-points.command';

export interface RedeemPoints extends MemberStep {
  points: number;
  reward: string;
}

/**
 * R-MB-2: points never go below zero. Only lots not expired at the redemption's
 * time pay (oldest expiry first); lots already dead are recorded as expired in
 * the same append, so the balance after it is exact.
 */
export function decideRedeemPoints(command: RedeemPoints, state: MemberState): MemberEvent[] {
  assertActiveMember(command.by, state);
  if (!Number.isInteger(command.points) || command.points <= 0) throw MemberErrors.invalidPoints();
  const usable = usablePoints(state.lots, command.at);
  if (command.points > usable) throw MemberErrors.insufficientPoints(command.points, usable);
  const expired = decideExpirePoints(command, state);
  const after = expired.reduce(evolveMember, state);
  const redeemed: PointsRedeemed = {
    type: 'PointsRedeemed',
    data: {
      memberId: command.memberId,
      points: command.points,
      reward: command.reward,
      redeemedAt: command.at,
      lots: takeFifo(after.lots, command.points, command.at),
      balance: after.balance - command.points,
    },
  };
  return [...expired, redeemed];
}
