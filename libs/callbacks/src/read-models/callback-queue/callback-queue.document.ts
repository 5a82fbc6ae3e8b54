import type { CallbackType } from '@aftercare/kernel';
import type { CallbackStatus, CallbackSubject, FeedbackKind, Priority } from '../../domain/callback.events';
import type { CsiScores } from '../../domain/csi';

export interface CallbackAttemptEntry {
  attemptNo: number;
  agentId: string;
  at: string;
  reached: boolean;
  satisfaction: number | null;
  feedback: FeedbackKind | null;
  notes: string | null;
  csi: CsiScores | null;
}

/** `callback_queue`: one document per callback, the queue and GET /callbacks/{id}. */
export interface CallbackDoc {
  _id: string;
  id: string;
  dealerId: string;
  customerId: string;
  vin: string | null;
  type: CallbackType;
  rule: string;
  dueAt: string;
  /** UTC day of dueAt: the queue orders by due date, then priority (R-CB-11). */
  dueDay: string;
  latestAt: string | null;
  priority: Priority;
  priorityRank: number;
  status: CallbackStatus;
  /** `open` while scheduled or claimed: the queue's index starts with it. */
  queueState: 'open' | 'closed';
  /** Who works it: the agent holding the claim, else the advisor it is routed to (R-CB-11), else null. */
  assigneeId: string | null;
  routedTo: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  advisorId: string | null;
  subject: CallbackSubject;
  notes: string | null;
  causationEventId: string | null;
  postponedFrom: string | null;
  attempts: CallbackAttemptEntry[];
  outcome: { agentId: string; at: string; satisfaction: number | null; feedback: FeedbackKind | null } | null;
  closedAt: string | null;
  cancelReason: string | null;
  /** R-CB-10: the invitation letter due after the call. */
  letterDueAt: string | null;
  /** R-CP-7: the advisor credited with praise from this call. */
  praiseCreditedTo: string | null;
  scheduledAt: string;
  revision: number;
  updatedAt: string;
  [key: string]: unknown;
}

/** `callback_calls`: every call made (R-CB-13 "every call is logged"), one document per attempt. */
export interface CallbackCallDoc {
  _id: string;
  dealerId: string;
  day: string;
  callbackId: string;
  customerId: string;
  type: CallbackType;
  attemptNo: number;
  agentId: string;
  at: string;
  reached: boolean;
  satisfaction: number | null;
  feedback: FeedbackKind | null;
  [key: string]: unknown;
}

export const CALLBACK_QUEUE = 'callback_queue';
export const CALLBACK_CALLS = 'callback_calls';

export const dayOf = (iso: string) => iso.slice(0, 10);
