import { Module } from '@nestjs/common';
import { ReceiveComplaintController } from './receive-complaint/receive-complaint.http';
import { ReceiveComplaintHandler } from './receive-complaint/receive-complaint.handler';
import { AcknowledgeComplaintController } from './acknowledge-complaint/acknowledge-complaint.http';
import { AcknowledgeComplaintHandler } from './acknowledge-complaint/acknowledge-complaint.handler';
import { SendInterimReplyController } from './send-interim-reply/send-interim-reply.http';
import { SendInterimReplyHandler } from './send-interim-reply/send-interim-reply.handler';
import { AssignComplaintController } from './assign-complaint/assign-complaint.http';
import { AssignComplaintHandler } from './assign-complaint/assign-complaint.handler';
import { EscalateComplaintController } from './escalate-complaint/escalate-complaint.http';
import { EscalateComplaintHandler } from './escalate-complaint/escalate-complaint.handler';
import { EscalateUnsolvedComplaintHandler } from './escalate-unsolved-complaint/escalate-unsolved-complaint.handler';
import { InvestigateComplaintController } from './investigate-complaint/investigate-complaint.http';
import { InvestigateComplaintHandler } from './investigate-complaint/investigate-complaint.handler';
import { ProposeSolutionController } from './propose-solution/propose-solution.http';
import { ProposeSolutionHandler } from './propose-solution/propose-solution.handler';
import { AcceptSolutionController } from './accept-solution/accept-solution.http';
import { AcceptSolutionHandler } from './accept-solution/accept-solution.handler';
import { RejectSolutionController } from './reject-solution/reject-solution.http';
import { RejectSolutionHandler } from './reject-solution/reject-solution.handler';
import { ResolveComplaintController } from './resolve-complaint/resolve-complaint.http';
import { ResolveComplaintHandler } from './resolve-complaint/resolve-complaint.handler';
import { CloseComplaintController } from './close-complaint/close-complaint.http';
import { CloseComplaintHandler } from './close-complaint/close-complaint.handler';
import { ReopenComplaintController } from './reopen-complaint/reopen-complaint.http';
import { ReopenComplaintHandler } from './reopen-complaint/reopen-complaint.handler';
import { ComplaintBoardController } from './read-models/complaint-board/complaint-board.http';
import { ComplaintBoardQuery } from './read-models/complaint-board/complaint-board.query';
import { ComplaintBoardResolver } from './read-models/complaint-board/complaint-board.resolver';
import { ComplaintDetailsController } from './read-models/complaint-details/complaint-details.http';
import { ComplaintDetailsQuery } from './read-models/complaint-details/complaint-details.query';
import { ComplaintDetailsResolver, ComplaintTimelineEntryResolver } from './read-models/complaint-details/complaint-details.resolver';

/** The complaints context's one public module (API.md "Complaints"). */
@Module({
  controllers: [
    ReceiveComplaintController,
    // Before ComplaintDetailsController: GET /complaints/board is not a complaint id.
    ComplaintBoardController,
    ComplaintDetailsController,
    AcknowledgeComplaintController,
    SendInterimReplyController,
    AssignComplaintController,
    EscalateComplaintController,
    InvestigateComplaintController,
    ProposeSolutionController,
    AcceptSolutionController,
    RejectSolutionController,
    ResolveComplaintController,
    CloseComplaintController,
    ReopenComplaintController,
  ],
  providers: [
    ReceiveComplaintHandler,
    AcknowledgeComplaintHandler,
    SendInterimReplyHandler,
    AssignComplaintHandler,
    EscalateComplaintHandler,
    EscalateUnsolvedComplaintHandler,
    InvestigateComplaintHandler,
    ProposeSolutionHandler,
    AcceptSolutionHandler,
    RejectSolutionHandler,
    ResolveComplaintHandler,
    CloseComplaintHandler,
    ReopenComplaintHandler,
    ComplaintDetailsQuery,
    ComplaintDetailsResolver,
    ComplaintTimelineEntryResolver,
    ComplaintBoardQuery,
    ComplaintBoardResolver,
  ],
  exports: [ComplaintDetailsQuery, ComplaintBoardQuery],
})
export class ComplaintsModule {}
