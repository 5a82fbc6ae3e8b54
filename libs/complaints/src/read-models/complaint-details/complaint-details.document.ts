import type { DeadlineKind } from '../../domain/complaint.deadlines';
import type { ComplaintStatus, SolutionStatus } from '../../domain/complaint.state';

/** A deadline as a stored fact (ARCHITECTURE.md: read models store deadlines, not "overdue" booleans). */
export interface ComplaintDeadline {
  kind: DeadlineKind;
  rule: string;
  dueAt: string;
  /** Business time of the step that met it; null while open. */
  metAt: string | null;
}

export interface ComplaintTimelineEntry {
  type: string;
  actorId: string;
  role: string;
  occurredAt: string;
  recordedAt: string;
  /** Stream revision after this step. */
  revision: number;
  details: Record<string, unknown>;
}

export interface ComplaintSolution {
  solutionNo: number;
  description: string;
  compensationAmount: number | null;
  status: SolutionStatus;
  proposedAt: string;
  answeredAt: string | null;
  reason: string | null;
}

/** A status the complaint entered, and when (business time): the facts "status as of T" is read from. */
export interface ComplaintStatusChange {
  status: ComplaintStatus;
  at: string;
}

/** The `complaint_details` document: one per complaint, the API.md complaint read shape and more. */
export interface ComplaintDetailsDoc {
  _id: string;
  id: string;
  dealerId: string;
  customerId: string;
  vin: string | null;
  status: ComplaintStatus;
  severity: string;
  channel: string;
  subject: string;
  description: string;
  expectedResolution: string;
  callbackId: string | null;
  takenBy: string;
  takenByRole: string;
  /** R-CP-4 */
  generalManagerNotifiedAt: string | null;
  /** R-CP-1 */
  replyBy: string | null;
  /** R-CP-5 */
  rootCause: string | null;
  responsibleParty: string | null;
  findings: string | null;
  /** R-CP-3 */
  escalatedAt: string | null;
  assigneeId: string | null;
  deadlines: ComplaintDeadline[];
  timeline: ComplaintTimelineEntry[];
  solutions: ComplaintSolution[];
  /** Stream revision: the ETag of commands on the complaint. */
  revision: number;
  receivedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** The latest reopening (R-CP-6); kept when the complaint is resolved or closed again. */
  reopenedAt: string | null;
  /** How many times it was reopened (R-CP-6): a reopened complaint is `investigating` again. */
  reopenCount: number;
  /** Every status it entered, in business-time order (one entry per change). */
  statusHistory: ComplaintStatusChange[];
  /**
   * Due time of the open R-CP-3 escalation deadline, null when there is none: the
   * deadline worker's index ("which complaints must go to the supervisor by now").
   */
  escalationDueAt: string | null;
  updatedAt: string;
  [key: string]: unknown;
}

export const COMPLAINT_DETAILS = 'complaint_details';

/**
 * `complaint_overdue_spans`: for each complaint, the periods during which it was
 * overdue (a deadline of R-CP-1/2/3 passed and not yet met), as [from, until)
 * business-time intervals; `until` is OPEN_END while nothing has met them. "Which
 * complaints were overdue at T" is then `from < T < until`, an index range.
 */
export interface ComplaintOverdueSpanDoc {
  _id: string;
  complaintId: string;
  dealerId: string;
  customerId: string;
  status: ComplaintStatus;
  receivedAt: string;
  from: string;
  until: string;
  [key: string]: unknown;
}

export const COMPLAINT_OVERDUE_SPANS = 'complaint_overdue_spans';

/**
 * `complaint_status_spans`: for each complaint, the periods it spent in each status,
 * as [from, until) business-time intervals from its statusHistory (`until` is
 * OPEN_END for the current status; zero-length periods are left out). "Which
 * complaints had status S at T" is `status = S, from <= T < until`.
 */
export interface ComplaintStatusSpanDoc {
  _id: string;
  complaintId: string;
  index: number;
  dealerId: string;
  customerId: string;
  status: ComplaintStatus;
  receivedAt: string;
  from: string;
  until: string;
  [key: string]: unknown;
}

export const COMPLAINT_STATUS_SPANS = 'complaint_status_spans';

/** Later than any business time; sorts after every ISO instant. */
export const OPEN_END = '9999-12-31T23:59:59.999Z';
