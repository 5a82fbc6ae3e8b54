import type { ComplaintEscalated } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface EscalateComplaint extends ComplaintStep {
  reason: string;
}

/** R-CP-3: the manager reports an unsolved complaint to the business supervisor, with a reason; once. */
export function decideEscalateComplaint(command: EscalateComplaint, state: ComplaintState): ComplaintEscalated[] {
  openStep('escalate', command, state);
  if (state.status === 'resolved') throw ComplaintErrors.alreadyResolved();
  if (state.escalated) throw ComplaintErrors.alreadyEscalated();
  assertDatedInOrder(command, state);
  return [
    {
      type: 'ComplaintEscalated',
      data: { complaintId: command.complaintId, reason: command.reason, escalatedTo: 'business_supervisor', rule: null },
    },
  ];
}
