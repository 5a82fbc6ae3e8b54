import type { Clock } from '@aftercare/kernel';
import type { CommandContext, StreamDecision } from '@aftercare/platform';
import type { MemberEvent } from './domain/member.events';
import { evolveMember, initialMemberState, MemberState } from './domain/member.state';
import { memberStream } from './domain/member.stream';
import { MemberErrors } from './domain/member.errors';
import type { MemberStep } from './domain/member.step';

/** The actor from the request, business time from the client's occurredAt (default now), normalised to ISO. */
export function memberStep(ctx: CommandContext, memberId: string, occurredAt: string | undefined, clock: Clock): MemberStep {
  const recordedAt = clock.now().toISOString();
  return { memberId, by: ctx.actor, at: occurredAt ? new Date(occurredAt).toISOString() : recordedAt, recordedAt };
}

/**
 * The CommandRunner's view of a command on a membership: load, fold, decide,
 * append (ARCHITECTURE.md "Write side"). `mustExist: false` for enrolment and the
 * reactions, which decide for themselves what a missing membership means.
 */
export function onMember(
  step: Pick<MemberStep, 'memberId' | 'at'>,
  decide: (state: MemberState) => MemberEvent[],
  options: { mustExist?: boolean; dealerId?: string } = {},
): StreamDecision<MemberState, MemberEvent> {
  return {
    stream: memberStream(step.memberId),
    initialState: initialMemberState,
    evolve: evolveMember,
    dealerId: (state) => state.dealerId ?? options.dealerId ?? null,
    occurredAt: step.at,
    notFound: options.mustExist === false ? undefined : () => MemberErrors.notFound(step.memberId),
    decide,
  };
}
