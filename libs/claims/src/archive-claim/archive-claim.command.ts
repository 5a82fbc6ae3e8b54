import type { ClaimArchived } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface ArchiveClaim extends ClaimStepCommand {
  kind: 'ArchiveClaim';
  comment: string | null;
}

/**
 * After the last sign-off: product liability archives an approved goodwill
 * compensation (DOMAIN.md step 5); claims staff process and archive an audited
 * goodwill warranty claim (R-GW-2). Which role it is follows from the claim's type.
 */
export function decideArchiveClaim(command: ArchiveClaim, state: ClaimState): ClaimArchived[] {
  const step = resolveActionStep(state, command, 'archive');
  return [seal(state.content, { type: 'ClaimArchived', data: { ...stampOf(state, command, step.step), comment: command.comment?.trim() || null } })];
}
