import type { ComplaintAcknowledged } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface AcknowledgeComplaint extends ComplaintStep {
  message: string;
  replyBy: string;
}

/** R-CP-1: apologise and commit to a reply-by date; once per complaint. */
export function decideAcknowledgeComplaint(command: AcknowledgeComplaint, state: ComplaintState): ComplaintAcknowledged[] {
  openStep('acknowledge', command, state);
  if (state.status !== 'received') throw ComplaintErrors.alreadyAcknowledged();
  assertDatedInOrder(command, state);
  if (!(Date.parse(command.replyBy) > Date.parse(command.occurredAt))) throw ComplaintErrors.replyByNotAfter();
  return [
    {
      type: 'ComplaintAcknowledged',
      data: { complaintId: command.complaintId, message: command.message, replyBy: new Date(command.replyBy).toISOString() },
    },
  ];
}
