import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandRunner, defineContext } from '@aftercare/platform';
import { MembershipModule } from './membership.module';
import { memberDetailsProjection } from './read-models/member-details/member-details.projection';
import { MEMBER_DETAILS_TYPE_DEFS } from './read-models/member-details/member-details.resolver';
import { earnPointsWhenVisitRecorded } from './earn-points/earn-points-when-visit-recorded.reaction';
import { reviewTierWhenSegmentChanged } from './review-tier/review-tier-when-segment-changed.reaction';
import { pointsExpiryWorker } from './expire-points/expire-points.worker-host';

/** DOMAIN.md "Owners' club": enrolment, points (R-MB-2) and their expiry, benefits, activities, interests, tiers (R-MB-1). */
export const membershipContext = defineContext({
  name: 'membership',
  module: MembershipModule,
  projections: [memberDetailsProjection],
  reactions: [
    (get) => earnPointsWhenVisitRecorded({ eventStore: get<EventStore>(EVENT_STORE), runner: get(CommandRunner) }),
    (get) => reviewTierWhenSegmentChanged({ runner: get(CommandRunner) }),
  ],
  workers: [pointsExpiryWorker],
  typeDefs: MEMBER_DETAILS_TYPE_DEFS,
});
