import type { ComplaintReopened } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface ReopenComplaint extends ComplaintStep {
  reason: string;
}

/**
 * R-CP-6: a customer still dissatisfied at the follow-up call reopens a resolved or
 * closed complaint; it goes back to investigation and its deadlines count again
 * from the reopening.
 */
export function decideReopenComplaint(command: ReopenComplaint, state: ComplaintState): ComplaintReopened[] {
  openStep('reopen', command, state, { onClosed: 'allowed' });
  if (state.status !== 'resolved' && state.status !== 'closed') throw ComplaintErrors.notReopenable(state.status);
  assertDatedInOrder(command, state);
  return [{ type: 'ComplaintReopened', data: { complaintId: command.complaintId, reason: command.reason, reopenedAt: command.occurredAt } }];
}
