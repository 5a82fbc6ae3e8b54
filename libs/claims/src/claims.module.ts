import { Module } from '@nestjs/common';
import { ApplyGoodwillCompensationController } from './apply-goodwill-compensation/apply-goodwill-compensation.http';
import { ApplyGoodwillCompensationHandler } from './apply-goodwill-compensation/apply-goodwill-compensation.handler';
import { RequestGoodwillWarrantyController } from './request-goodwill-warranty/request-goodwill-warranty.http';
import { RequestGoodwillWarrantyHandler } from './request-goodwill-warranty/request-goodwill-warranty.handler';
import { SignOffClaimController } from './sign-off-claim/sign-off-claim.http';
import { SignOffClaimHandler } from './sign-off-claim/sign-off-claim.handler';
import { ReviseClaimController } from './revise-claim/revise-claim.http';
import { ReviseClaimHandler } from './revise-claim/revise-claim.handler';
import { SignWaiverController } from './sign-waiver/sign-waiver.http';
import { SignWaiverHandler } from './sign-waiver/sign-waiver.handler';
import { ConfirmWaiverController } from './confirm-waiver/confirm-waiver.http';
import { ConfirmWaiverHandler } from './confirm-waiver/confirm-waiver.handler';
import { RecordAdvancePaymentController } from './record-advance-payment/record-advance-payment.http';
import { RecordAdvancePaymentHandler } from './record-advance-payment/record-advance-payment.handler';
import { VerifyVehicleController } from './verify-vehicle/verify-vehicle.http';
import { VerifyVehicleHandler } from './verify-vehicle/verify-vehicle.handler';
import { AssessFailureController } from './assess-failure/assess-failure.http';
import { AssessFailureHandler } from './assess-failure/assess-failure.handler';
import { FillApprovalFormController } from './fill-approval-form/fill-approval-form.http';
import { FillApprovalFormHandler } from './fill-approval-form/fill-approval-form.handler';
import { ArchiveClaimController } from './archive-claim/archive-claim.http';
import { ArchiveClaimHandler } from './archive-claim/archive-claim.handler';
import { RequestMaterialsController } from './request-materials/request-materials.http';
import { RequestMaterialsHandler } from './request-materials/request-materials.handler';
import { SubmitMaterialsController } from './submit-materials/submit-materials.http';
import { SubmitMaterialsHandler } from './submit-materials/submit-materials.handler';
import { NotifyClaimResultController } from './notify-claim-result/notify-claim-result.http';
import { NotifyClaimResultHandler } from './notify-claim-result/notify-claim-result.handler';
import { SettleClaimController } from './settle-claim/settle-claim.http';
import { SettleClaimHandler } from './settle-claim/settle-claim.handler';
import { ComplaintFactsReader } from './apply-goodwill-compensation/complaint-facts.reader';
import { CustomerFileReader } from './request-goodwill-warranty/customer-file.reader';
import { ClaimDetailsController } from './read-models/claim-details/claim-details.http';
import { ClaimDetailsQuery } from './read-models/claim-details/claim-details.query';
import { ClaimDetailsResolver } from './read-models/claim-details/claim-details.resolver';
import { ClaimWorklistController } from './read-models/claim-worklist/claim-worklist.http';
import { ClaimWorklistQuery } from './read-models/claim-worklist/claim-worklist.query';
import { ClaimWorklistResolver } from './read-models/claim-worklist/claim-worklist.resolver';
import { ClaimCostsController } from './read-models/claim-costs/claim-costs.http';
import { ClaimCostsQuery } from './read-models/claim-costs/claim-costs.query';
import { ClaimCostsResolver } from './read-models/claim-costs/claim-costs.resolver';

/** The claims context's one public module (API.md "Claims"; DOMAIN.md R-GC-1…3, R-GW-1…2). */
@Module({
  controllers: [
    // The static GET routes first, for readability (Fastify matches them before /claims/:id anyway).
    ClaimWorklistController,
    ClaimCostsController,
    ClaimDetailsController,
    ApplyGoodwillCompensationController,
    RequestGoodwillWarrantyController,
    SignOffClaimController,
    ReviseClaimController,
    SignWaiverController,
    ConfirmWaiverController,
    RecordAdvancePaymentController,
    VerifyVehicleController,
    AssessFailureController,
    FillApprovalFormController,
    ArchiveClaimController,
    RequestMaterialsController,
    SubmitMaterialsController,
    NotifyClaimResultController,
    SettleClaimController,
  ],
  providers: [
    ComplaintFactsReader,
    CustomerFileReader,
    ApplyGoodwillCompensationHandler,
    RequestGoodwillWarrantyHandler,
    SignOffClaimHandler,
    ReviseClaimHandler,
    SignWaiverHandler,
    ConfirmWaiverHandler,
    RecordAdvancePaymentHandler,
    VerifyVehicleHandler,
    AssessFailureHandler,
    FillApprovalFormHandler,
    ArchiveClaimHandler,
    RequestMaterialsHandler,
    SubmitMaterialsHandler,
    NotifyClaimResultHandler,
    SettleClaimHandler,
    ClaimDetailsQuery,
    ClaimDetailsResolver,
    ClaimWorklistQuery,
    ClaimWorklistResolver,
    ClaimCostsQuery,
    ClaimCostsResolver,
  ],
  exports: [ClaimDetailsQuery],
})
export class ClaimsModule {}
