import type { ActivityRecorded } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { assertActiveMember } from '../domain/member.policy';
import { assertDatedInMembership } from '../domain/member.dates';

export interface RecordActivity extends MemberStep {
  activityId: string;
}

/**
 * DOMAIN.md "Owners' club": attendance at a club activity (self-drive trip, DIY or
 * safe-driving class, member party). Attending is a fact: recording it again
 * changes nothing.
 */
export function decideRecordActivity(command: RecordActivity, state: MemberState): ActivityRecorded[] {
  assertActiveMember(command.by, state);
  assertDatedInMembership(command, state);
  if (state.activities.includes(command.activityId)) return [];
  return [{ type: 'ActivityRecorded', data: { memberId: command.memberId, activityId: command.activityId, occurredAt: command.at } }];
}
