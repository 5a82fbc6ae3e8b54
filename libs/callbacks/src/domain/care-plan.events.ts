import type { CallbackType, DomainEvent } from '@aftercare/kernel';
import type { CallbackSubject, Priority } from './callback.events';

export const CarePlanEventTypes = { CarePlanRevised: 'CarePlanRevised' } as const;

/** A call the scheduler puts in the queue: becomes CallbackScheduled in `callback-<callbackId>`. */
export interface PlannedCall {
  callbackId: string;
  type: CallbackType;
  rule: string;
  vin: string | null;
  dueAt: string;
  latestAt: string | null;
  priority: Priority;
  assigneeId: string | null;
  advisorId: string | null;
  subject: CallbackSubject;
  /** Contact hygiene: the throttle moved the call from here. */
  postponedFrom: string | null;
}

export interface RescheduledCall {
  callbackId: string;
  dueAt: string;
  previousDueAt: string;
  reason: string;
  rule: string;
}

export interface WithdrawnCall {
  callbackId: string;
  reason: string;
  rule: string;
}

export interface ReprioritizedCall {
  callbackId: string;
  priority: Priority;
  assigneeId: string | null;
  reason: string;
}

/** A call the rules would have planned, and why it was not (do-not-call, throttled, stale, date passed). */
export interface SkippedCall {
  type: CallbackType;
  rule: string;
  vin: string | null;
  dueAt: string;
  reason: 'do_not_call' | 'throttled' | 'stale' | 'date_passed' | 'too_late';
  /** For `throttled`: the call that kept the slot. */
  keptCallbackId: string | null;
}

/**
 * The care plan of one customer (`careplan-<customerId>`): the scheduler's
 * journal and state. One event per cause it reacted to, carrying every decision
 * that cause led to: calls planned, moved, withdrawn, re-prioritised, skipped
 * (with the reason: the answer to "why was this customer not called?"), and calls
 * that ended (for the throttle and for recurring greetings). Its id is derived
 * from the cause, so a re-run of the reaction appends nothing new.
 */
export type CarePlanRevised = DomainEvent<
  'CarePlanRevised',
  {
    customerId: string;
    dealerId: string;
    causationEventId: string;
    causationType: string;
    /** Global position of the cause: a decision only ever sees the plan as it was before it. */
    causePosition: number;
    causeOccurredAt: string;
    planned: PlannedCall[];
    /** Calls scheduled by hand (POST /callbacks), taken into the plan so do-not-call and the throttle see them. */
    adopted: PlannedCall[];
    rescheduled: RescheduledCall[];
    withdrawn: WithdrawnCall[];
    reprioritized: ReprioritizedCall[];
    skipped: SkippedCall[];
    closed: { callbackId: string; status: 'done' | 'unreachable' }[];
    /** Facts later decisions need that no single source stream holds (the customer's last visit across vehicles). */
    noted: {
      vehicle?: { vin: string; deliveredAt: string };
      lastVisit?: { visitId: string; vin: string; occurredAt: string; advisorId: string };
      /** R-SG-1 / R-CB-11: the segments a CustomerSegmentChanged reported, and the customer's usual advisor. */
      segment?: { segments: string[]; advisorId: string | null };
    };
  }
>;

export type CarePlanEvent = CarePlanRevised;
