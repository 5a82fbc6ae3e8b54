import type { ComplaintClosed } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export type CloseComplaint = ComplaintStep;

/** `resolved → closed`: the manager closes a resolved complaint (the R-CP-6 follow-up counts as done). */
export function decideCloseComplaint(command: CloseComplaint, state: ComplaintState): ComplaintClosed[] {
  openStep('close', command, state);
  if (state.status !== 'resolved') throw ComplaintErrors.notResolved();
  assertDatedInOrder(command, state);
  return [{ type: 'ComplaintClosed', data: { complaintId: command.complaintId } }];
}
