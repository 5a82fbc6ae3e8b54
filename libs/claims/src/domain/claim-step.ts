import { Actor, isDealerRole, isOemRole } from '@aftercare/kernel';
import type { ClaimEvent, StepStamp } from './claim.events';
import { CLAIM_FLOWS, ClaimStepName, FlowStep } from './claim.flows';
import { awaitingSteps, statusOf } from './claim-progress';
import type { ClaimState } from './claim.state';
import { contentAfter } from './claim.state';
import { contentHash } from './claim-content';
import { ClaimErrors } from './claim.errors';

/** What every command on an existing claim carries besides its own data. */
export interface ClaimStepCommand {
  claimId: string;
  by: Actor;
  /** The clock's now: when the step is recorded. */
  at: string;
  /** The stream revision the step is decided on (the CommandRunner's read). */
  seenRevision: number;
}

/** An existing claim, with its chain. */
export function requireClaim(state: ClaimState, claimId: string): asserts state is ClaimState & { type: NonNullable<ClaimState['type']>; progress: NonNullable<ClaimState['progress']> } {
  if (!state.exists || !state.type || !state.progress) throw ClaimErrors.notFound(claimId);
}

/**
 * API.md "Conventions" applied to claims: a dealer role acts only on its dealer's
 * claims, an OEM role only on claims of dealers in its region (the region is fixed on
 * the claim when it is opened). Any other role (admin, auditor, integrator) never
 * takes a claim step: every step is signed by the role that the chain names.
 */
export function assertInScope(actor: Actor, state: ClaimState): void {
  if (isDealerRole(actor.role)) {
    if (!actor.dealerId || actor.dealerId !== state.dealerId) throw ClaimErrors.outOfScope(`dealer ${state.dealerId}`);
    return;
  }
  if (isOemRole(actor.role)) {
    if (!actor.region || actor.region !== state.region) throw ClaimErrors.outOfScope(`region ${state.region}`);
    return;
  }
  throw ClaimErrors.roleNotAllowed(actor.role, 'take steps');
}

/** A rejected (until revised), refused or settled claim takes no further step of its chain. */
export function assertOpen(state: ClaimState): void {
  const progress = state.progress!;
  if (progress.refusedCode) throw ClaimErrors.refused(progress.refusedCode);
  if (progress.rejectedAt) throw ClaimErrors.rejected(progress.rejectedAt);
  if (statusOf(progress) === 'settled') throw ClaimErrors.settled();
}

/**
 * A step with its own endpoint (verification, archive, materials, settlement…), in
 * the order clients see the refusals: not in this chain (409), not the caller's role
 * (403), not the caller's dealer or region (403), claim closed (409), done already or
 * not next (409).
 */
export function resolveActionStep(state: ClaimState, command: ClaimStepCommand, name: ClaimStepName): FlowStep {
  requireClaim(state, command.claimId);
  const step = CLAIM_FLOWS[state.type].steps.find((s) => s.step === name);
  if (!step) throw ClaimErrors.stepNotInChain(name, state.type);
  if (!step.roles.includes(command.by.role as never)) throw ClaimErrors.roleNotAllowed(command.by.role, name, awaitingSteps(state.progress).map((s) => s.step));
  assertInScope(command.by, state);
  assertOpen(state);
  if (state.progress.done.includes(name)) throw ClaimErrors.stepAlreadyDone(name);
  const awaiting = awaitingSteps(state.progress);
  if (!awaiting.some((s) => s.step === name)) throw ClaimErrors.outOfOrder(name, awaiting.map((s) => s.step));
  return step;
}

/**
 * R-GC-2 / R-GW-2: "the step follows from the claim's state and the caller's role".
 * A role that signs no step of this chain is refused (403); a role whose sign-off is
 * not the one waiting is out of order (409).
 */
export function resolveApprovalStep(state: ClaimState, command: ClaimStepCommand): FlowStep {
  requireClaim(state, command.claimId);
  const awaiting = awaitingSteps(state.progress);
  const mine = CLAIM_FLOWS[state.type].steps.filter((s) => s.kind === 'approval' && s.roles.includes(command.by.role as never));
  if (mine.length === 0) throw ClaimErrors.roleNotAllowed(command.by.role, 'sign off', awaiting.map((s) => s.step));
  assertInScope(command.by, state);
  assertOpen(state);
  const step = mine.find((s) => awaiting.includes(s));
  if (!step) {
    const signed = mine.find((s) => state.progress!.done.includes(s.step));
    throw signed && mine.length === 1 ? ClaimErrors.stepAlreadyDone(signed.step) : ClaimErrors.outOfOrder(mine[0].step, awaiting.map((s) => s.step));
  }
  return step;
}

/** Who, in which role, when, in which round, on which stream revision; the content hash is sealed in by `seal`. */
export function stampOf(state: ClaimState, command: ClaimStepCommand, step: ClaimStepName): StepStamp {
  return {
    claimId: command.claimId,
    step,
    actorId: command.by.id,
    role: command.by.role,
    at: command.at,
    claimRevision: state.claimRevision,
    contentHash: '',
    seenRevision: command.seenRevision,
  };
}

/**
 * Sets the event's contentHash to the hash of the claim's content with the event
 * applied: what the actor put their name to. Events in order within one decision:
 * pass the content the previous event left.
 */
export function seal<E extends ClaimEvent>(content: ClaimState['content'], event: E): E {
  const after = contentAfter(content, event);
  return { ...event, data: { ...event.data, contentHash: contentHash(after) } } as E;
}

/** Seals a decision's events one after the other. */
export function sealAll(content: ClaimState['content'], events: ClaimEvent[]): ClaimEvent[] {
  const sealed: ClaimEvent[] = [];
  let current = content;
  for (const event of events) {
    const s = seal(current, event);
    sealed.push(s);
    current = contentAfter(current, s);
  }
  return sealed;
}
