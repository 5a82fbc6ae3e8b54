import type { MembershipCancelled } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { assertActiveMember } from '../domain/member.policy';

export interface CancelMembership extends MemberStep {
  reason: string;
}

/** Cancellation, with its reason; the points left are forfeited (recorded in the event). */
export function decideCancelMembership(command: CancelMembership, state: MemberState): MembershipCancelled[] {
  assertActiveMember(command.by, state);
  return [
    {
      type: 'MembershipCancelled',
      data: {
        memberId: command.memberId,
        customerId: state.customerId!,
        dealerId: state.dealerId!,
        reason: command.reason,
        pointsForfeited: state.balance,
        cancelledAt: command.at,
      },
    },
  ];
}
