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

/** The steps waiting now: the not-done steps of the first group not yet complete. None once rejected, refused or settled. */
export function awaitingSteps(progress: ClaimProgress): FlowStep[] {
  if (progress.rejectedAt || progress.refusedCode) return [];
  const pending = CLAIM_FLOWS[progress.type].steps.filter((s) => !progress.done.includes(s.step));
  if (pending.length === 0) return [];
  const group = Math.min(...pending.map((s) => s.group));
  return pending.filter((s) => s.group === group);
}

export function statusOf(progress: ClaimProgress): ClaimStatus {
  if (progress.refusedCode) return 'refused';
  if (progress.rejectedAt) return 'rejected';
  const awaiting = awaitingSteps(progress);
  return awaiting.length ? awaiting[0].awaitingStatus : 'settled';
}

/** The steps a revised application sends back to be taken again (claim.flows.ts `resetByRevision`). */
export function stepsResetByRevision(type: ClaimType): ClaimStepName[] {
  return CLAIM_FLOWS[type].steps.filter((s) => s.resetByRevision).map((s) => s.step);
}
