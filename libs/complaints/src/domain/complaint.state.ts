import type { Severity, StampedComplaintEvent } from './complaint.events';

/**
 * DOMAIN.md "Complaints" lifecycle. Reopening (R-CP-6) is a step, not a status:
 * "`reopened` from resolved/closed back to investigating", so a reopened complaint
 * is `investigating` again (the ComplaintReopened step stays in its history).
 */
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'solution_proposed',
  'accepted',
  'rejected',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type SolutionStatus = 'pending' | 'accepted' | 'rejected';

export interface ComplaintState {
  exists: boolean;
  complaintId: string | null;
  dealerId: string | null;
  customerId: string | null;
  severity: Severity | null;
  status: ComplaintStatus | null;
  receivedAt: string | null;
  /** When the complaint was last taken up: intake, or the latest reopening (R-CP-3 counts from it). */
  openSince: string | null;
  escalated: boolean;
  assigneeId: string | null;
  solutions: { solutionNo: number; status: SolutionStatus }[];
  resolvedAt: string | null;
  /** Business time of the latest step: no step may be dated before it. */
  lastStepAt: string | null;
}

export function initialComplaintState(): ComplaintState {
  return {
    exists: false,
    complaintId: null,
    dealerId: null,
    customerId: null,
    severity: null,
    status: null,
    receivedAt: null,
    openSince: null,
    escalated: false,
    assigneeId: null,
    solutions: [],
    resolvedAt: null,
    lastStepAt: null,
  };
}

export function evolveComplaint(state: ComplaintState, event: StampedComplaintEvent): ComplaintState {
  const next = apply(state, event);
  const at = event.metadata?.occurredAt;
  return at && (!next.lastStepAt || at > next.lastStepAt) ? { ...next, lastStepAt: at } : next;
}

function apply(state: ComplaintState, event: StampedComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        complaintId: d.complaintId,
        dealerId: d.dealerId,
        customerId: d.customerId,
        severity: d.severity,
        status: 'received',
        receivedAt: d.receivedAt,
        openSince: d.receivedAt,
        lastStepAt: d.receivedAt,
      };
    }
    case 'ComplaintAcknowledged':
      return { ...state, status: 'acknowledged' };
    case 'ComplaintInvestigated':
      return { ...state, status: 'investigating' };
    case 'ComplaintEscalated':
      return { ...state, escalated: true };
    case 'ComplaintAssigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'SolutionProposed':
      return {
        ...state,
        status: 'solution_proposed',
        solutions: [...state.solutions, { solutionNo: event.data.solutionNo, status: 'pending' }],
      };
    case 'SolutionAccepted':
      return { ...state, status: 'accepted', solutions: answer(state, event.data.solutionNo, 'accepted') };
    case 'SolutionRejected':
      return { ...state, status: 'rejected', solutions: answer(state, event.data.solutionNo, 'rejected') };
    case 'ComplaintResolved':
      return { ...state, status: 'resolved', resolvedAt: event.metadata?.occurredAt ?? state.resolvedAt };
    case 'ComplaintClosed':
      return { ...state, status: 'closed' };
    case 'ComplaintReopened':
      // R-CP-6: back to investigating; every step open to an investigating complaint is open to it again.
      return { ...state, status: 'investigating', openSince: event.data.reopenedAt, resolvedAt: null };
    case 'InterimReplySent':
    case 'DealerGeneralManagerNotified':
      return state;
    default:
      return state;
  }
}

function answer(state: ComplaintState, solutionNo: number, status: SolutionStatus): ComplaintState['solutions'] {
  return state.solutions.map((s) => (s.solutionNo === solutionNo ? { ...s, status } : s));
}
