import type { Decider } from '@aftercare/kernel';
import type { ClaimEvent } from './domain/claim.events';
import { ClaimState, evolveClaim, initialClaimState } from './domain/claim.state';
import { ClaimErrors } from './domain/claim.errors';
import type { ClaimCommand } from './claim-commands';
import { decideApplyGoodwillCompensation } from './apply-goodwill-compensation/apply-goodwill-compensation.command';
import { decideSignOffClaim } from './sign-off-claim/sign-off-claim.command';
import { decideReviseClaim } from './revise-claim/revise-claim.command';
import { decideSignWaiver } from './sign-waiver/sign-waiver.command';
import { decideConfirmWaiver } from './confirm-waiver/confirm-waiver.command';
import { decideRecordAdvancePayment } from './record-advance-payment/record-advance-payment.command';
import { decideArchiveClaim } from './archive-claim/archive-claim.command';
import { decideRequestMaterials } from './request-materials/request-materials.command';
import { decideSubmitMaterials } from './submit-materials/submit-materials.command';
import { decideSettleClaim } from './settle-claim/settle-claim.command';

/**
 * Goodwill compensation 善意补偿款 (DOMAIN.md; R-GC-1…3): application → five
 * sign-offs (the last approves) → [archive] → [materials request] → [materials] →
 * settlement, with the waiver beside it. Bracketed steps are optional (claim.flows.ts):
 * the settlement archives when product liability did not (R-GC-3), materials are
 * required only once requested. Commands of the goodwill warranty chain have no step
 * here.
 */
export const goodwillCompensationDecider: Decider<ClaimCommand, ClaimState, ClaimEvent> = {
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide(command, state) {
    switch (command.kind) {
      case 'ApplyGoodwillCompensation':
        return decideApplyGoodwillCompensation(command, state);
      case 'SignOffClaim':
        return decideSignOffClaim(command, state);
      case 'ReviseClaim':
        return decideReviseClaim(command, state);
      case 'SignWaiver':
        return decideSignWaiver(command, state);
      case 'ConfirmWaiver':
        return decideConfirmWaiver(command, state);
      case 'RecordAdvancePayment':
        return decideRecordAdvancePayment(command, state);
      case 'ArchiveClaim':
        return decideArchiveClaim(command, state);
      case 'RequestMaterials':
        return decideRequestMaterials(command, state);
      case 'SubmitMaterials':
        return decideSubmitMaterials(command, state);
      case 'SettleClaim':
        return decideSettleClaim(command, state);
      case 'RequestGoodwillWarranty':
        throw ClaimErrors.stepNotInChain('request', 'goodwill_compensation');
      case 'VerifyVehicle':
        throw ClaimErrors.stepNotInChain('vehicle_verification', 'goodwill_compensation');
      case 'AssessFailure':
        throw ClaimErrors.stepNotInChain('technical_assessment', 'goodwill_compensation');
      case 'FillApprovalForm':
        throw ClaimErrors.stepNotInChain('approval_form', 'goodwill_compensation');
      case 'NotifyClaimResult':
        throw ClaimErrors.stepNotInChain('result_notification', 'goodwill_compensation');
    }
  },
};
