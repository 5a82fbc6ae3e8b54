import type { ComplaintEscalated } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { escalationDue } from '../domain/complaint.deadlines';
import { ComplaintStep, openStep } from '../domain/complaint.step';

export type EscalateUnsolvedComplaint = ComplaintStep;

/**
 * R-CP-3, by the deadline worker: a complaint still unsolved two days after it was
 * taken (or reopened) goes to the business supervisor. Whatever made it no longer
 * due (escalated by hand or by a twin worker, resolved, closed, reopened later)
 * makes this a no-op rather than an error: the worker acts on a read model that
 * may lag the stream, and the stream decides.
 */
export function decideEscalateUnsolvedComplaint(command: EscalateUnsolvedComplaint, state: ComplaintState): ComplaintEscalated[] {
  openStep('escalateUnsolved', command, state, { onClosed: 'allowed' });
  if (state.escalated || state.status === 'resolved' || state.status === 'closed' || !state.openSince) return [];
  if (Date.parse(command.occurredAt) < Date.parse(escalationDue(state.openSince))) return [];
  return [
    {
      type: 'ComplaintEscalated',
      data: { complaintId: command.complaintId, reason: 'R-CP-3', escalatedTo: 'business_supervisor', rule: 'R-CP-3' },
    },
  ];
}
