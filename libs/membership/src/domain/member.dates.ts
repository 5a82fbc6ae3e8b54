import type { MemberState } from './member.state';
import type { MemberStep } from './member.step';
import { MemberErrors } from './member.errors';

/** API.md: a fact that happened carries a date not in the future; a club fact cannot precede the enrolment. */
export function assertDatedInMembership(step: MemberStep, state: MemberState, field = 'occurredAt'): void {
  if (Date.parse(step.at) > Date.parse(step.recordedAt)) throw MemberErrors.occurredInFuture(field);
  if (state.enrolledAt && Date.parse(step.at) < Date.parse(state.enrolledAt)) throw MemberErrors.beforeEnrolment(field);
}
