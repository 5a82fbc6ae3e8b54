import type { WaiverConfirmed } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { statusOf } from '../domain/claim-progress';
import { ClaimStepCommand, assertInScope, requireClaim, seal } from '../domain/claim-step';

export interface ConfirmWaiver extends ClaimStepCommand {
  kind: 'ConfirmWaiver';
  comment: string | null;
}

/** R-GC-1: OEM after-sales staff of the dealer's region confirm the signed waiver. */
export function decideConfirmWaiver(command: ConfirmWaiver, state: ClaimState): WaiverConfirmed[] {
  requireClaim(state, command.claimId);
  if (state.type !== 'goodwill_compensation') throw ClaimErrors.notGoodwillCompensation('a waiver');
  if (command.by.role !== 'oem_after_sales') throw ClaimErrors.roleNotAllowed(command.by.role, 'confirm the waiver');
  assertInScope(command.by, state);
  if (statusOf(state.progress) === 'settled') throw ClaimErrors.settled();
  if (!state.waiver) throw ClaimErrors.waiverNotSigned();
  if (state.waiver.confirmedAt) throw ClaimErrors.waiverAlreadyConfirmed();
  return [
    seal(state.content, {
      type: 'WaiverConfirmed',
      data: {
        claimId: command.claimId,
        documentRef: state.waiver.documentRef,
        comment: command.comment?.trim() || null,
        actorId: command.by.id,
        role: command.by.role,
        at: command.at,
        claimRevision: state.claimRevision,
        contentHash: '',
        seenRevision: command.seenRevision,
        rule: 'R-GC-1',
      },
    }),
  ];
}
