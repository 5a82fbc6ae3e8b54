import type { CallbackType } from '@aftercare/kernel';
import type { CallbackEvent, CallbackStatus, CallbackSubject, Priority } from './callback.events';

export interface CallbackState {
  exists: boolean;
  callbackId: string | null;
  dealerId: string | null;
  customerId: string | null;
  vin: string | null;
  type: CallbackType | null;
  rule: string | null;
  status: CallbackStatus | null;
  dueAt: string | null;
  priority: Priority | null;
  /** Routed owner (R-CB-11); a claim does not change it. */
  assigneeId: string | null;
  advisorId: string | null;
  subject: CallbackSubject;
  claimedBy: string | null;
  claimedAt: string | null;
  /** Unanswered attempts so far, and when the first was made (R-CB-12 window). */
  failedAttempts: number;
  firstAttemptAt: string | null;
  /** R-CB-12: after an unanswered attempt, when the next may be made (nobody claims it before). */
  retryAt: string | null;
  attempts: number;
  lastStepAt: string | null;
}

export function initialCallbackState(): CallbackState {
  return {
    exists: false, callbackId: null, dealerId: null, customerId: null, vin: null, type: null, rule: null, status: null, dueAt: null,
    priority: null, assigneeId: null, advisorId: null, subject: {}, claimedBy: null, claimedAt: null, failedAttempts: 0,
    firstAttemptAt: null, retryAt: null, attempts: 0, lastStepAt: null,
  };
}

export const isOpen = (state: CallbackState): boolean => state.status === 'scheduled' || state.status === 'claimed';

export function evolveCallback(state: CallbackState, event: CallbackEvent): CallbackState {
  switch (event.type) {
    case 'CallbackScheduled': {
      const d = event.data;
      return {
        ...state, exists: true, callbackId: d.callbackId, dealerId: d.dealerId, customerId: d.customerId, vin: d.vin, type: d.type,
        rule: d.rule, status: 'scheduled', dueAt: d.dueAt, priority: d.priority, assigneeId: d.assigneeId, advisorId: d.advisorId, subject: d.subject,
      };
    }
    case 'CallbackRescheduled':
      return { ...state, dueAt: event.data.dueAt };
    case 'CallbackReprioritized':
      return { ...state, priority: event.data.priority, assigneeId: event.data.assigneeId };
    case 'CallbackClaimed':
      return { ...state, status: 'claimed', claimedBy: event.data.agentId, claimedAt: event.data.claimedAt, lastStepAt: event.data.claimedAt };
    case 'CallbackAttemptRecorded': {
      const d = event.data;
      return {
        ...state,
        attempts: state.attempts + 1,
        failedAttempts: d.reached ? state.failedAttempts : state.failedAttempts + 1,
        firstAttemptAt: state.firstAttemptAt ?? d.attemptedAt,
        lastStepAt: d.attemptedAt,
      };
    }
    case 'CallbackRetryScheduled':
      return { ...state, status: 'scheduled', dueAt: event.data.dueAt, retryAt: event.data.dueAt, claimedBy: null, claimedAt: null };
    case 'CallbackCompleted':
      return { ...state, status: 'done' };
    case 'CallbackUnreachable':
      return { ...state, status: 'unreachable' };
    case 'CallbackCancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}
