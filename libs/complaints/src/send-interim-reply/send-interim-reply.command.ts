import type { InterimReplySent } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface SendInterimReply extends ComplaintStep {
  message: string;
}

/** R-CP-2: tell the customer what is known and decided so far, after the acknowledgement (R-CP-1) and before resolution. */
export function decideSendInterimReply(command: SendInterimReply, state: ComplaintState): InterimReplySent[] {
  openStep('sendInterimReply', command, state);
  if (state.status === 'received') throw ComplaintErrors.notAcknowledged();
  if (state.status === 'resolved') throw ComplaintErrors.alreadyResolved();
  assertDatedInOrder(command, state);
  return [{ type: 'InterimReplySent', data: { complaintId: command.complaintId, message: command.message } }];
}
