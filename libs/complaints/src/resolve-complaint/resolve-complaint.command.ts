import type { ComplaintResolved } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { followUpDue } from '../domain/complaint.deadlines';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface ResolveComplaint extends ComplaintStep {
  summary: string;
}

/**
 * Only a complaint whose customer accepted a solution is resolved. R-CP-6: the
 * customer is to be called within 2 days; the event carries that date so the
 * callbacks context can schedule the follow-up call (R-CB-7).
 */
export function decideResolveComplaint(command: ResolveComplaint, state: ComplaintState): ComplaintResolved[] {
  openStep('resolve', command, state);
  if (state.status === 'resolved') throw ComplaintErrors.alreadyResolved();
  if (state.status !== 'accepted') throw ComplaintErrors.notAccepted();
  assertDatedInOrder(command, state);
  return [
    {
      type: 'ComplaintResolved',
      data: { complaintId: command.complaintId, summary: command.summary, followUpDueAt: followUpDue(command.occurredAt) },
    },
  ];
}
