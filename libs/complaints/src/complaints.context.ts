import { defineContext } from '@aftercare/platform';
import { ComplaintsModule } from './complaints.module';
import { escalationWorker } from './escalate-unsolved-complaint/escalate-unsolved-complaint.worker-host';
import { reopenComplaintWhenFollowUpDissatisfied } from './reopen-complaint/reopen-complaint-when-follow-up-dissatisfied.reaction';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandRunner } from '@aftercare/platform';
import { complaintDetailsProjection } from './read-models/complaint-details/complaint-details.projection';
import { complaintBoardProjection } from './read-models/complaint-board/complaint-board.projection';
import { COMPLAINT_DETAILS_TYPE_DEFS } from './read-models/complaint-details/complaint-details.resolver';
import { COMPLAINT_BOARD_TYPE_DEFS } from './read-models/complaint-board/complaint-board.resolver';

/** DOMAIN.md "Complaints": intake to closure, deadlines R-CP-1…3 and 6, escalation, the board. */
export const complaintsContext = defineContext({
  name: 'complaints',
  module: ComplaintsModule,
  projections: [complaintDetailsProjection, complaintBoardProjection],
  workers: [escalationWorker],
  reactions: [(get) => reopenComplaintWhenFollowUpDissatisfied({ eventStore: get<EventStore>(EVENT_STORE), runner: get(CommandRunner), clock: get<Clock>(CLOCK) })],
  typeDefs: COMPLAINT_DETAILS_TYPE_DEFS + COMPLAINT_BOARD_TYPE_DEFS,
});
