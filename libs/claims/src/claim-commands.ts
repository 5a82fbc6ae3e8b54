import type { ApplyGoodwillCompensation } from './apply-goodwill-compensation/apply-goodwill-compensation.command';
import type { RequestGoodwillWarranty } from './request-goodwill-warranty/request-goodwill-warranty.command';
import type { SignOffClaim } from './sign-off-claim/sign-off-claim.command';
import type { ReviseClaim } from './revise-claim/revise-claim.command';
import type { SignWaiver } from './sign-waiver/sign-waiver.command';
import type { ConfirmWaiver } from './confirm-waiver/confirm-waiver.command';
import type { RecordAdvancePayment } from './record-advance-payment/record-advance-payment.command';
import type { VerifyVehicle } from './verify-vehicle/verify-vehicle.command';
import type { AssessFailure } from './assess-failure/assess-failure.command';
import type { FillApprovalForm } from './fill-approval-form/fill-approval-form.command';
import type { ArchiveClaim } from './archive-claim/archive-claim.command';
import type { RequestMaterials } from './request-materials/request-materials.command';
import type { SubmitMaterials } from './submit-materials/submit-materials.command';
import type { NotifyClaimResult } from './notify-claim-result/notify-claim-result.command';
import type { SettleClaim } from './settle-claim/settle-claim.command';

/** Every command of the claims context, told apart by `kind`. */
export type ClaimCommand =
  | ApplyGoodwillCompensation
  | RequestGoodwillWarranty
  | SignOffClaim
  | ReviseClaim
  | SignWaiver
  | ConfirmWaiver
  | RecordAdvancePayment
  | VerifyVehicle
  | AssessFailure
  | FillApprovalForm
  | ArchiveClaim
  | RequestMaterials
  | SubmitMaterials
  | NotifyClaimResult
  | SettleClaim;
