import { CLAIM_FLOWS, ClaimStatus, ClaimStepName, ClaimType, FlowStep } from './claim.flows';
import type { ClaimEvent } from './claim.events';

/**
 * Where a claim stands in its chain: the steps done in the current round, and
 * whether a step rejected it or R-GW-1 refused it. The decider and every read model
 * derive "what is next", the status and the worklist from this one structure, so
 * they can never disagree about the order of R-GC-2 / R-GW-2. Plain JSON: the
 * projections store it.
 */
export interface ClaimProgress {
  type: ClaimType;
  done: ClaimStepName[];
  rejectedAt: ClaimStepName | null;
  refusedCode: string | null;
}

export function startProgress(type: ClaimType): ClaimProgress {
  const opening = CLAIM_FLOWS[type].steps[0].step;
  return { type, done: [opening], rejectedAt: null, refusedCode: null };
}

export function evolveProgress(progress: ClaimProgress | null, event: ClaimEvent): ClaimProgress | null {
  switch (event.type) {
    case 'GoodwillCompensationApplied':
      return startProgress('goodwill_compensation');
    case 'GoodwillWarrantyRequested':
      return startProgress('goodwill_warranty');
  }
  if (!progress) return null;
  switch (event.type) {
    case 'ClaimStepApproved':
    case 'VehicleVerified':
    case 'TechnicalAssessmentMade':
    case 'ApprovalFormFilled':
    case 'ClaimArchived':
    case 'MaterialsRequested':
    case 'MaterialsSubmitted':
    case 'ClaimResultNotified':
    case 'ClaimSettled':
      return progress.done.includes(event.data.step) ? progress : { ...progress, done: [...progress.done, event.data.step] };
    case 'ClaimStepRejected':
      return { ...progress, rejectedAt: event.data.step };
    case 'ClaimRevised': {
      const reset = new Set<ClaimStepName>(event.data.resetSteps);
      return { ...progress, done: progress.done.filter((s) => !reset.has(s)), rejectedAt: null };
    }
    case 'ClaimRefused':
      return { ...progress, refusedCode: event.data.code };
    default:
      return progress;
  }
}

/**
 * Whether the chain waits on `step` now: a step that is not optional, or an optional
 * one made required by what was done (claim.flows.ts `requiredOnceDone`).
 */
export function isRequiredNow(step: FlowStep, progress: ClaimProgress): boolean {
  return !step.optional || (step.requiredOnceDone !== undefined && progress.done.includes(step.requiredOnceDone));
}

/**
 * The steps that may be taken now. The frontier is the first group with a required
 * step not done; every not-done step of that group waits, and so does every
 * optional not-done step of an earlier group that nothing closed. None once
 * rejected, refused or settled (no required step left).
 */
export function awaitingSteps(progress: ClaimProgress): FlowStep[] {
  if (progress.rejectedAt || progress.refusedCode) return [];
  const open = CLAIM_FLOWS[progress.type].steps.filter((s) => !progress.done.includes(s.step));
  const required = open.filter((s) => isRequiredNow(s, progress));
  if (required.length === 0) return [];
  const frontier = Math.min(...required.map((s) => s.group));
  return open.filter((s) => s.group <= frontier && !(s.closedBy ?? []).some((c) => progress.done.includes(c)));
}

/** What the chain waits on (the worklist): the awaiting steps that are not optional now. */
export function requiredAwaitingSteps(progress: ClaimProgress): FlowStep[] {
  return awaitingSteps(progress).filter((s) => isRequiredNow(s, progress));
}

/**
 * The status: the `awaitingStatus` of the step that follows the furthest step done
 * in the chain's table (so an optional step taken or passed over moves it on, and
 * two steps of a group taken in either order read the same).
 */
export function statusOf(progress: ClaimProgress): ClaimStatus {
  if (progress.refusedCode) return 'refused';
  if (progress.rejectedAt) return 'rejected';
  const awaiting = awaitingSteps(progress);
  if (awaiting.length === 0) return 'settled';
  const steps = CLAIM_FLOWS[progress.type].steps;
  const furthest = Math.max(...progress.done.map((d) => steps.findIndex((s) => s.step === d)));
  return steps[furthest + 1]?.awaitingStatus ?? awaiting[0].awaitingStatus;
}

/** The steps a revised application sends back to be taken again (claim.flows.ts `resetByRevision`). */
export function stepsResetByRevision(type: ClaimType): ClaimStepName[] {
  return CLAIM_FLOWS[type].steps.filter((s) => s.resetByRevision).map((s) => s.step);
}
