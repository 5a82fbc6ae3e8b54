import { Module } from '@nestjs/common';
import { EnrolMemberController } from './enrol-member/enrol-member.http';
import { EnrolMemberHandler } from './enrol-member/enrol-member.handler';
import { RedeemPointsController } from './redeem-points/redeem-points.http';
import { RedeemPointsHandler } from './redeem-points/redeem-points.handler';
import { UseBenefitController } from './use-benefit/use-benefit.http';
import { UseBenefitHandler } from './use-benefit/use-benefit.handler';
import { RecordActivityController } from './record-activity/record-activity.http';
import { RecordActivityHandler } from './record-activity/record-activity.handler';
import { RecordInterestsController } from './record-interests/record-interests.http';
import { RecordInterestsHandler } from './record-interests/record-interests.handler';
import { CancelMembershipController } from './cancel-membership/cancel-membership.http';
import { CancelMembershipHandler } from './cancel-membership/cancel-membership.handler';
import { ReviewTierController } from './review-tier/review-tier.http';
import { ReviewTierHandler } from './review-tier/review-tier.handler';
import { MemberDetailsController } from './read-models/member-details/member-details.http';
import { MemberDetailsQuery } from './read-models/member-details/member-details.query';
import { MemberDetailsResolver } from './read-models/member-details/member-details.resolver';

/** The membership context's one public module (API.md "Membership and segments"). */
@Module({
  controllers: [
    EnrolMemberController,
    MemberDetailsController,
    RedeemPointsController,
    UseBenefitController,
    RecordActivityController,
    RecordInterestsController,
    CancelMembershipController,
    ReviewTierController,
  ],
  providers: [
    EnrolMemberHandler,
    RedeemPointsHandler,
    UseBenefitHandler,
    RecordActivityHandler,
    RecordInterestsHandler,
    CancelMembershipHandler,
    ReviewTierHandler,
    MemberDetailsQuery,
    MemberDetailsResolver,
  ],
  exports: [MemberDetailsQuery],
})
export class MembershipModule {}
