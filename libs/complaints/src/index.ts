/** What other contexts may import from the complaints context. */
export { complaintsContext } from './complaints.context';
export { ComplaintsModule } from './complaints.module';
export { ComplaintDetailsQuery } from './read-models/complaint-details/complaint-details.query';
export { ComplaintBoardQuery } from './read-models/complaint-board/complaint-board.query';
export { COMPLAINT_DETAILS, COMPLAINT_OVERDUE_SPANS } from './read-models/complaint-details/complaint-details.document';
export type { ComplaintDetailsDoc, ComplaintDeadline } from './read-models/complaint-details/complaint-details.document';
export type { ComplaintView } from './read-models/complaint-details/complaint-details.view';
export { ComplaintEventTypes, COMPLAINT_EVENT_TYPES, CHANNELS, SUBJECTS, SEVERITIES, ROOT_CAUSES, RESPONSIBLE_PARTIES } from './domain/complaint.events';
export type * from './domain/complaint.events';
export { complaintStream, COMPLAINT_CATEGORY } from './domain/complaint.stream';
export { COMPLAINT_POLICY } from './domain/complaint.policy';
export { FOLLOW_UP_DAYS, ESCALATION_DAYS, INTERIM_REPLY_DAYS } from './domain/complaint.deadlines';
// Intake for other contexts' reactions (callbacks opens a complaint a callback found, channel `callback`).
export { ReceiveComplaintCommand, ReceiveComplaintHandler } from './receive-complaint/receive-complaint.handler';
export type { ReceiveComplaintInput } from './receive-complaint/receive-complaint.handler';
export { complaintAsOf } from './read-models/complaint-details/complaint-details.as-of';
// Who may do what (the authorization matrix of apps/api reads it).
export { rolesFor as complaintRolesFor } from './domain/complaint.policy';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { AcknowledgeComplaintCommand } from './acknowledge-complaint/acknowledge-complaint.handler';
export { SendInterimReplyCommand } from './send-interim-reply/send-interim-reply.handler';
export { InvestigateComplaintCommand } from './investigate-complaint/investigate-complaint.handler';
export { ProposeSolutionCommand } from './propose-solution/propose-solution.handler';
export { RejectSolutionCommand } from './reject-solution/reject-solution.handler';
export { AcceptSolutionCommand } from './accept-solution/accept-solution.handler';
export { ResolveComplaintCommand } from './resolve-complaint/resolve-complaint.handler';
export { CloseComplaintCommand } from './close-complaint/close-complaint.handler';
