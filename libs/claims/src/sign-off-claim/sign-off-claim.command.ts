import type { ClaimArchived, ClaimResultNotified, ClaimStepApproved, ClaimStepRejected } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { ClaimStepCommand, resolveApprovalStep, seal, stampOf } from '../domain/claim-step';
import { archiveThroughApprovals } from '../archive-claim/archive-claim.command';

export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface SignOffClaim extends ClaimStepCommand {
  kind: 'SignOffClaim';
  decision: Decision;
  comment: string | null;
  /** The contentHash the approver read; when given it must still be current. */
  seenContentHash: string | null;
}

/**
 * R-GC-2 / R-GW-2: the step follows from the claim's state and the caller's role
 * (claim-step.ts). Any sign-off may reject, with a reason. Each records the round and
 * the hash of the content signed, so a later change can never pass as approved; one
 * person signs at most one step of a round. R-GW-2: for claims staff on an audited
 * goodwill warranty claim the step is "process and archive" (archive-claim.command.ts).
 */
export function decideSignOffClaim(
  command: SignOffClaim,
  state: ClaimState,
): (ClaimStepApproved | ClaimStepRejected | ClaimArchived | ClaimResultNotified)[] {
  const step = resolveApprovalStep(state, command);
  const comment = command.comment?.trim() || null;
  if (command.decision === 'reject' && !comment) throw ClaimErrors.reasonRequired();
  if (command.seenContentHash && command.seenContentHash !== state.contentHash) throw ClaimErrors.contentChanged(command.seenContentHash, state.contentHash ?? '');
  if (step.step === 'archive') return archiveThroughApprovals(command, state);
  const already = state.signatures.find((s) => s.actorId === command.by.id);
  if (already) throw ClaimErrors.sameSignatory(already.step);
  const stamp = stampOf(state, command, step.step);
  return [
    command.decision === 'approve'
      ? seal(state.content, { type: 'ClaimStepApproved', data: { ...stamp, comment, rule: step.rule } })
      : seal(state.content, { type: 'ClaimStepRejected', data: { ...stamp, comment: comment!, rule: step.rule } }),
  ];
}
