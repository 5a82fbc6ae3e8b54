import type { CallbackType, DomainEvent } from '@aftercare/kernel';
import type { CsiScores } from './csi';

/** Stored type strings of the `callback-<id>` stream: fixed here, never derived from class names. */
export const CallbackEventTypes = {
  CallbackScheduled: 'CallbackScheduled',
  CallbackRescheduled: 'CallbackRescheduled',
  CallbackReprioritized: 'CallbackReprioritized',
  CallbackClaimed: 'CallbackClaimed',
  CallbackAttemptRecorded: 'CallbackAttemptRecorded',
  CallbackRetryScheduled: 'CallbackRetryScheduled',
  CallbackCompleted: 'CallbackCompleted',
  CallbackUnreachable: 'CallbackUnreachable',
  CallbackCancelled: 'CallbackCancelled',
  PraiseCredited: 'PraiseCredited',
  InvitationLetterRequested: 'InvitationLetterRequested',
} as const;

export const CALLBACK_EVENT_TYPES: string[] = Object.values(CallbackEventTypes);

export const PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const FEEDBACK_KINDS = ['praise', 'criticism', 'suggestion', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const CALLBACK_STATUSES = ['scheduled', 'claimed', 'done', 'unreachable', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** What a callback is about, so the agent (and R-CB-2, R-CP-7, R-CB-10) can find it again. */
export interface CallbackSubject {
  visitId?: string;
  visitAt?: string;
  complaintId?: string;
  careEventId?: string;
  careEventStartsAt?: string;
  /** Greeting occasion or reminder date (a holiday's name, the expiry date). */
  occasion?: string;
}

/**
 * A callback enters the queue. `rule` is the care-schedule rule that planned it
 * (`manual` for POST /callbacks), `causationEventId` the event it answers.
 * `assigneeId` routes a high-value customer's call to their own advisor
 * (R-CB-11); `advisorId` is the advisor the call is about (CSI, R-CP-7).
 * `latestAt`: the call makes no sense after it (throttle postponement stops there).
 */
export type CallbackScheduled = DomainEvent<
  'CallbackScheduled',
  {
    callbackId: string;
    dealerId: string;
    customerId: string;
    vin: string | null;
    type: CallbackType;
    dueAt: string;
    latestAt: string | null;
    priority: Priority;
    rule: string;
    assigneeId: string | null;
    advisorId: string | null;
    subject: CallbackSubject;
    notes: string | null;
    causationEventId: string | null;
    /** Contact hygiene: the throttle moved it from this date (why is in `notes` of the care plan). */
    postponedFrom: string | null;
  }
>;
/** A forecast changed (R-CB-5/R-CB-8) or the throttle moved it. */
export type CallbackRescheduled = DomainEvent<
  'CallbackRescheduled',
  { callbackId: string; dueAt: string; previousDueAt: string; reason: string; rule: string; causationEventId: string }
>;
/** R-CB-11: the customer became sensitive (priority) or high-value (routed to their advisor). */
export type CallbackReprioritized = DomainEvent<
  'CallbackReprioritized',
  { callbackId: string; priority: Priority; assigneeId: string | null; reason: string; causationEventId: string }
>;
/** R-CB-11: one agent takes the call; nobody else may until it is released. */
export type CallbackClaimed = DomainEvent<'CallbackClaimed', { callbackId: string; agentId: string; claimedAt: string }>;
/** R-CB-12 / R-CB-13: every call is logged, reached or not. */
export type CallbackAttemptRecorded = DomainEvent<
  'CallbackAttemptRecorded',
  {
    callbackId: string;
    customerId: string;
    attemptNo: number;
    agentId: string;
    attemptedAt: string;
    reached: boolean;
    satisfaction: number | null;
    feedback: FeedbackKind | null;
    notes: string | null;
    csi: CsiScores | null;
    /** When feedback is a complaint: what the complaint opened from this call will say. */
    complaint: { subject: string; expectedResolution: string; severity: 'normal' | 'major' } | null;
  }
>;
/** R-CB-12: not reached; released and due again at `dueAt`. */
export type CallbackRetryScheduled = DomainEvent<'CallbackRetryScheduled', { callbackId: string; dueAt: string; attemptsLeft: number; rule: 'R-CB-12' }>;
/** Reached: the outcome of the call. */
export type CallbackCompleted = DomainEvent<
  'CallbackCompleted',
  { callbackId: string; customerId: string; type: CallbackType; agentId: string; completedAt: string; satisfaction: number | null; feedback: FeedbackKind | null }
>;
/** R-CB-12: the attempts are used up. */
export type CallbackUnreachable = DomainEvent<
  'CallbackUnreachable',
  { callbackId: string; customerId: string; type: CallbackType; attempts: number; closedAt: string; rule: 'R-CB-12' }
>;
/** Withdrawn: a newer visit (R-CB-6), do-not-call, a first service done, a warranty already over… */
export type CallbackCancelled = DomainEvent<
  'CallbackCancelled',
  { callbackId: string; reason: string; rule: string | null; causationEventId: string | null }
>;
/** R-CP-7: praise found in a callback is credited to the advisor the call is about. */
export type PraiseCredited = DomainEvent<
  'PraiseCredited',
  { callbackId: string; dealerId: string; advisorId: string; customerId: string; visitId: string | null; notes: string | null; creditedAt: string; rule: 'R-CP-7' }
>;
/** R-CB-10: after the invitation call, a letter goes out within 2 days. */
export type InvitationLetterRequested = DomainEvent<
  'InvitationLetterRequested',
  { callbackId: string; customerId: string; careEventId: string | null; dueAt: string; rule: 'R-CB-10' }
>;

export type CallbackEvent =
  | CallbackScheduled
  | CallbackRescheduled
  | CallbackReprioritized
  | CallbackClaimed
  | CallbackAttemptRecorded
  | CallbackRetryScheduled
  | CallbackCompleted
  | CallbackUnreachable
  | CallbackCancelled
  | PraiseCredited
  | InvitationLetterRequested;
