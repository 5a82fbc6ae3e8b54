import type { ComplaintAssigned } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface AssignComplaint extends ComplaintStep {
  assigneeId: string;
  deadline: string;
}

/**
 * R-CP-3: the business supervisor, once the complaint is escalated to them, names a
 * responsible person and a deadline (规定责任人 完成时限). A new assignment replaces
 * the previous one.
 */
export function decideAssignComplaint(command: AssignComplaint, state: ComplaintState): ComplaintAssigned[] {
  openStep('assign', command, state);
  if (state.status === 'resolved') throw ComplaintErrors.alreadyResolved();
  if (!state.escalated) throw ComplaintErrors.notEscalated();
  assertDatedInOrder(command, state);
  if (!(Date.parse(command.deadline) > Date.parse(command.occurredAt))) throw ComplaintErrors.deadlineNotAfter();
  return [
    {
      type: 'ComplaintAssigned',
      data: {
        complaintId: command.complaintId,
        assigneeId: command.assigneeId,
        deadline: new Date(command.deadline).toISOString(),
        assignedBy: command.by.id,
      },
    },
  ];
}
