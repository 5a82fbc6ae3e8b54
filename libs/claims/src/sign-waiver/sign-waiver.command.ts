import type { WaiverSigned } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { statusOf } from '../domain/claim-progress';
import { ClaimStepCommand, assertInScope, requireClaim, seal } from '../domain/claim-step';

/** Dealer roles that sign for the dealer (the customer signs beside them). */
export const WAIVER_SIGNING_ROLES = ['service_director', 'dealer_general_manager'] as const;

export interface SignWaiver extends ClaimStepCommand {
  kind: 'SignWaiver';
  documentRef: string;
  /** Business time the dealer and the customer signed. */
  signedAt: string;
}

/** R-GC-1: before any money is advanced, the dealer and the customer sign a waiver (免责协议). */
export function decideSignWaiver(command: SignWaiver, state: ClaimState): WaiverSigned[] {
  requireClaim(state, command.claimId);
  if (state.type !== 'goodwill_compensation') throw ClaimErrors.notGoodwillCompensation('a waiver');
  if (!(WAIVER_SIGNING_ROLES as readonly string[]).includes(command.by.role)) throw ClaimErrors.roleNotAllowed(command.by.role, 'sign the waiver');
  assertInScope(command.by, state);
  if (statusOf(state.progress) === 'settled') throw ClaimErrors.settled();
  if (state.waiver) throw ClaimErrors.waiverAlreadySigned();
  if (Date.parse(command.signedAt) > Date.parse(command.at)) throw ClaimErrors.inFuture('signedAt');
  return [
    seal(state.content, {
      type: 'WaiverSigned',
      data: {
        claimId: command.claimId,
        documentRef: command.documentRef,
        signedAt: new Date(command.signedAt).toISOString(),
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
