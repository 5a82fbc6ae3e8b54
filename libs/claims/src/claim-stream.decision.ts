import type { Clock } from '@aftercare/kernel';
import type { CommandContext, CommandResult, StreamDecision } from '@aftercare/platform';
import type { ClaimEvent } from './domain/claim.events';
import { ClaimState, evolveClaim, initialClaimState } from './domain/claim.state';
import { claimStream } from './domain/claim.stream';
import { ClaimErrors } from './domain/claim.errors';
import { awaitingSteps, isRequiredNow, statusOf } from './domain/claim-progress';
import type { ClaimStepCommand } from './domain/claim-step';
import type { ClaimCommand } from './claim-commands';
import { decideClaim } from './claim.decider';

/** Who and when of a step: the actor from the token, the time from the clock (sign-offs are never back-dated). */
export function claimStepOf(ctx: CommandContext, claimId: string, clock: Clock): Omit<ClaimStepCommand, 'seenRevision'> {
  return { claimId, by: ctx.actor, at: clock.now().toISOString() };
}

type StepCommand = Extract<ClaimCommand, ClaimStepCommand>;
type WithoutSeen<C> = C extends ClaimStepCommand ? Omit<C, 'seenRevision'> : never;

/**
 * The CommandRunner's view of a step on an existing claim (ARCHITECTURE.md "Write
 * side"): load `claim-<id>`, fold, decide with the revision read (what the step
 * records as seen), append with it as the expected revision.
 */
export function onClaim(
  command: WithoutSeen<StepCommand>,
  options: { occurredAt?: string } = {},
): StreamDecision<ClaimState, ClaimEvent> {
  return {
    stream: claimStream(command.claimId),
    initialState: initialClaimState,
    evolve: evolveClaim,
    dealerId: (state) => state.dealerId,
    occurredAt: options.occurredAt,
    notFound: () => ClaimErrors.notFound(command.claimId),
    decide: (state, revision) => decideClaim({ ...command, seenRevision: revision } as ClaimCommand, state),
  };
}

/** API.md: `{ id, revision }` after a command, plus where the claim now stands. */
export interface ClaimCommandAnswer {
  id: string;
  revision: number;
  status: string;
  claimRevision: number;
  contentHash: string | null;
  /** What may be taken now; `optional: true` marks a step the chain does not wait for. */
  awaiting: { step: string; roles: string[]; optional?: true }[];
  /** The step this command took (approvals: the one that followed from the state and the role). */
  step: string | null;
  /** R-GW-1: the refusal code when the step refused the claim. */
  refusal: string | null;
}

export function claimAnswer(claimId: string, result: CommandResult<ClaimState, ClaimEvent>): ClaimCommandAnswer {
  const { state } = result;
  const progress = state.progress!;
  // The step this command took, not one recorded implicitly with it (an archive at settlement, a result notification with the archive).
  const taken = result.events.map((e) => e.data as { step?: string; implicit?: boolean }).find((d) => d.step && !d.implicit);
  const first = taken ?? (result.events[0]?.data as { step?: string } | undefined);
  return {
    id: claimId,
    revision: result.revision,
    status: statusOf(progress),
    claimRevision: state.claimRevision,
    contentHash: state.contentHash,
    awaiting: awaitingSteps(progress).map((s) => ({ step: s.step, roles: [...s.roles], ...(isRequiredNow(s, progress) ? {} : { optional: true as const }) })),
    step: first?.step ?? null,
    refusal: progress.refusedCode,
  };
}
