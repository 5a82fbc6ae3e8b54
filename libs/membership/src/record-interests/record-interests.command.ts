import type { InterestsRecorded } from '../domain/member.events';
import type { MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { assertActiveMember } from '../domain/member.policy';

export interface RecordInterests extends MemberStep {
  interests: string[];
}

/** Interests as targeting reads them: trimmed, lower case, each once, in order given. */
export function normaliseInterests(interests: readonly string[]): string[] {
  return [...new Set(interests.map((i) => i.trim().toLowerCase()).filter((i) => i.length > 0))];
}

/**
 * DOMAIN.md "Owners' club": the member's interests, for targeting activities. The
 * list given replaces the earlier one; the event says what was added and removed;
 * the same set again records nothing.
 */
export function decideRecordInterests(command: RecordInterests, state: MemberState): InterestsRecorded[] {
  assertActiveMember(command.by, state);
  const interests = normaliseInterests(command.interests);
  const added = interests.filter((i) => !state.interests.includes(i));
  const removed = state.interests.filter((i) => !interests.includes(i));
  if (added.length === 0 && removed.length === 0) return [];
  return [{ type: 'InterestsRecorded', data: { memberId: command.memberId, interests, added, removed } }];
}
