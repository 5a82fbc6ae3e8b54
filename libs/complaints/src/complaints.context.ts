import { defineContext } from '@aftercare/platform';
import { ComplaintsModule } from './complaints.module';
import { escalationWorker } from './escalate-unsolved-complaint/escalate-unsolved-complaint.worker-host';
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
  typeDefs: COMPLAINT_DETAILS_TYPE_DEFS + COMPLAINT_BOARD_TYPE_DEFS,
});
