import type { ClaimArchived, ClaimResultNotified } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { ClaimStepCommand, resolveActionStep, sealAll, stampOf } from '../domain/claim-step';

export interface ArchiveClaim extends ClaimStepCommand {
  kind: 'ArchiveClaim';
  comment: string | null;
}

/**
 * The extension POST /claims/{id}/archive (not in API.md). Goodwill compensation:
 * product liability archives an approved claim explicitly (DOMAIN.md step 5; optional:
 * the settlement archives when this was not done, R-GC-3). Goodwill warranty: claims
 * staff process and archive an audited claim (R-GW-2); the result then waits to be
 * passed to the field service rep by the field technical manager
 * (POST /claims/{id}/result-notification). API.md's path is
 * `archiveThroughApprovals`. Which role it is follows from the claim's type.
 */
export function decideArchiveClaim(command: ArchiveClaim, state: ClaimState): ClaimArchived[] {
  const step = resolveActionStep(state, command, 'archive');
  return sealAll(state.content, [{ type: 'ClaimArchived', data: { ...stampOf(state, command, step.step), comment: command.comment?.trim() || null } }]) as ClaimArchived[];
}

/**
 * R-GW-2 through API.md's POST /claims/{id}/approvals: claims staff "process and
 * archive" the audited claim (the step follows from the state and the role), and the
 * same append records "result passed to the field service rep" under the same claims
 * staff actor (`implicit: true`): their processing is what releases the result. The
 * claim then waits for the settlement only. Processing is not a sign-off: the audit
 * already decided, so `reject` is refused (409 CLAIM.DECISION_NOT_APPLICABLE).
 */
export function archiveThroughApprovals(
  command: ClaimStepCommand & { decision: 'approve' | 'reject'; comment: string | null },
  state: ClaimState,
): (ClaimArchived | ClaimResultNotified)[] {
  if (command.decision !== 'approve') throw ClaimErrors.decisionNotApplicable('archive', command.decision);
  const comment = command.comment?.trim() || null;
  return sealAll(state.content, [
    { type: 'ClaimArchived', data: { ...stampOf(state, command, 'archive'), comment } },
    { type: 'ClaimResultNotified', data: { ...stampOf(state, command, 'result_notification'), notifiedRole: 'field_service_rep', comment: null, implicit: true } },
  ]) as (ClaimArchived | ClaimResultNotified)[];
}
