import type { Decider } from '@aftercare/kernel';
import type { ClaimEvent } from './domain/claim.events';
import { ClaimState, evolveClaim, initialClaimState } from './domain/claim.state';
import { ClaimErrors } from './domain/claim.errors';
import type { ClaimCommand } from './claim-commands';
import { decideRequestGoodwillWarranty } from './request-goodwill-warranty/request-goodwill-warranty.command';
import { decideSignOffClaim } from './sign-off-claim/sign-off-claim.command';
import { decideReviseClaim } from './revise-claim/revise-claim.command';
import { decideVerifyVehicle } from './verify-vehicle/verify-vehicle.command';
import { decideAssessFailure } from './assess-failure/assess-failure.command';
import { decideFillApprovalForm } from './fill-approval-form/fill-approval-form.command';
import { decideArchiveClaim } from './archive-claim/archive-claim.command';
import { decideNotifyClaimResult } from './notify-claim-result/notify-claim-result.command';
import { decideSettleClaim } from './settle-claim/settle-claim.command';

/**
 * Goodwill warranty claim 优惠索赔 (DOMAIN.md; R-GW-1, R-GW-2): request → first
 * review → vehicle verification → technical assessment → approval form → two
 * signatures → technical audit → processing and archive (claims staff through the
 * approvals, which also records the result passed to the field service rep; or the
 * extensions /archive then /result-notification) → settlement. Waivers, advances and materials belong to goodwill
 * compensation only.
 */
export const goodwillWarrantyDecider: Decider<ClaimCommand, ClaimState, ClaimEvent> = {
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide(command, state) {
    switch (command.kind) {
      case 'RequestGoodwillWarranty':
        return decideRequestGoodwillWarranty(command, state);
      case 'SignOffClaim':
        return decideSignOffClaim(command, state);
      case 'ReviseClaim':
        return decideReviseClaim(command, state);
      case 'VerifyVehicle':
        return decideVerifyVehicle(command, state);
      case 'AssessFailure':
        return decideAssessFailure(command, state);
      case 'FillApprovalForm':
        return decideFillApprovalForm(command, state);
      case 'ArchiveClaim':
        return decideArchiveClaim(command, state);
      case 'NotifyClaimResult':
        return decideNotifyClaimResult(command, state);
      case 'SettleClaim':
        return decideSettleClaim(command, state);
      case 'ApplyGoodwillCompensation':
        throw ClaimErrors.stepNotInChain('application', 'goodwill_warranty');
      case 'SignWaiver':
      case 'ConfirmWaiver':
        throw ClaimErrors.notGoodwillCompensation('a waiver');
      case 'RecordAdvancePayment':
        throw ClaimErrors.notGoodwillCompensation('an advance payment');
      case 'RequestMaterials':
        throw ClaimErrors.stepNotInChain('materials_request', 'goodwill_warranty');
      case 'SubmitMaterials':
        throw ClaimErrors.stepNotInChain('materials_submission', 'goodwill_warranty');
    }
  },
};
