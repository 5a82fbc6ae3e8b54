import { addDays, Actor, CallbackType } from '@aftercare/kernel';
import type {
  CallbackAttemptRecorded,
  CallbackCompleted,
  CallbackEvent,
  CallbackRetryScheduled,
  CallbackUnreachable,
  FeedbackKind,
  InvitationLetterRequested,
  PraiseCredited,
} from '../domain/callback.events';
import type { CallbackState } from '../domain/callback.state';
import { isOpen } from '../domain/callback.state';
import { CallbackErrors } from '../domain/callback.errors';
import { assertMayDo } from '../domain/callback.policy';
import { CARE_SCHEDULE } from '../domain/care-schedule';
import { CSI_MAX_SCORE, CSI_MIN_SCORE, CsiScores, isCsiFactor } from '../domain/csi';

export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;

export interface RecordCallbackAttempt {
  callbackId: string;
  by: Actor;
  /** Business time of the call; never in the future. */
  attemptedAt: string;
  recordedAt: string;
  reached: boolean;
  satisfaction: number | null;
  feedback: FeedbackKind | null;
  notes: string | null;
  csi: CsiScores | null;
  complaint: { subject?: string; expectedResolution?: string; severity?: 'normal' | 'major' } | null;
}

/** The complaint subject a callback's complaint is filed under when the agent does not say. */
const COMPLAINT_SUBJECT_BY_TYPE: Partial<Record<CallbackType, string>> = {
  post_service: 'repair_quality',
  post_service_resolution: 'repair_quality',
  new_car_care: 'sales',
  sales_follow_up: 'sales',
};

/**
 * R-CB-12 / R-CB-13: every call is logged. Reached, the callback is done with its
 * outcome (R-CP-7 praise credited to the advisor; R-CB-10 an invitation's letter
 * is due within 2 days). Not reached, it is released and tried again after the
 * retry interval, at most `attempts.max` times within `attempts.windowDays`, then
 * it ends `unreachable`.
 */
export function decideRecordCallbackAttempt(command: RecordCallbackAttempt, state: CallbackState): CallbackEvent[] {
  if (!state.exists) throw CallbackErrors.notFound(command.callbackId);
  assertMayDo('work', command.by, state.dealerId);
  if (!isOpen(state)) throw CallbackErrors.closed(state.status!);
  if (state.status !== 'claimed') throw CallbackErrors.notClaimed();
  if (state.claimedBy !== command.by.id) throw CallbackErrors.claimedByOther(state.claimedBy!);
  if (Date.parse(command.attemptedAt) > Date.parse(command.recordedAt)) throw CallbackErrors.occurredInFuture();
  if (state.claimedAt && Date.parse(command.attemptedAt) < Date.parse(state.claimedAt)) throw CallbackErrors.beforeClaim();
  validateOutcome(command);

  const attempted: CallbackAttemptRecorded = {
    type: 'CallbackAttemptRecorded',
    data: {
      callbackId: command.callbackId,
      customerId: state.customerId!,
      attemptNo: state.attempts + 1,
      agentId: command.by.id,
      attemptedAt: command.attemptedAt,
      reached: command.reached,
      satisfaction: command.satisfaction,
      feedback: command.feedback,
      notes: command.notes,
      csi: command.csi,
      complaint:
        command.feedback === 'complaint'
          ? {
              subject: command.complaint?.subject ?? COMPLAINT_SUBJECT_BY_TYPE[state.type!] ?? 'service_reception',
              expectedResolution: command.complaint?.expectedResolution ?? 'to be agreed with the customer',
              severity: command.complaint?.severity ?? 'normal',
            }
          : null,
    },
  };
  const events: CallbackEvent[] = [attempted];
  const policy = CARE_SCHEDULE.attempts;

  if (command.reached) {
    const completed: CallbackCompleted = {
      type: 'CallbackCompleted',
      data: {
        callbackId: command.callbackId, customerId: state.customerId!, type: state.type!, agentId: command.by.id, completedAt: command.attemptedAt,
        satisfaction: command.satisfaction, feedback: command.feedback,
      },
    };
    events.push(completed);
    // R-CP-7: praise is recorded and credited to the advisor the call is about.
    if (command.feedback === 'praise' && state.advisorId) {
      const praise: PraiseCredited = {
        type: 'PraiseCredited',
        data: {
          callbackId: command.callbackId, dealerId: state.dealerId!, advisorId: state.advisorId, customerId: state.customerId!,
          visitId: state.subject.visitId ?? null, notes: command.notes, creditedAt: command.attemptedAt, rule: 'R-CP-7',
        },
      };
      events.push(praise);
    }
  } else {
    const failed = state.failedAttempts + 1;
    const windowEnd = addDays(state.firstAttemptAt ?? command.attemptedAt, policy.windowDays);
    if (failed >= policy.max || Date.parse(command.attemptedAt) >= Date.parse(windowEnd)) {
      const unreachable: CallbackUnreachable = {
        type: 'CallbackUnreachable',
        data: { callbackId: command.callbackId, customerId: state.customerId!, type: state.type!, attempts: failed, closedAt: command.attemptedAt, rule: 'R-CB-12' },
      };
      events.push(unreachable);
    } else {
      const retryAt = new Date(Math.min(Date.parse(command.attemptedAt) + policy.retryAfterHours * 3_600_000, Date.parse(windowEnd))).toISOString();
      const retry: CallbackRetryScheduled = {
        type: 'CallbackRetryScheduled',
        data: { callbackId: command.callbackId, dueAt: retryAt, attemptsLeft: policy.max - failed, rule: 'R-CB-12' },
      };
      events.push(retry);
    }
  }

  // R-CB-10: once the invitation call is over (reached or given up), a letter goes out within 2 days.
  const ended = events.some((e) => e.type === 'CallbackCompleted' || e.type === 'CallbackUnreachable');
  if (ended && state.type === 'event_invitation') {
    const letter: InvitationLetterRequested = {
      type: 'InvitationLetterRequested',
      data: {
        callbackId: command.callbackId, customerId: state.customerId!, careEventId: state.subject.careEventId ?? null,
        dueAt: addDays(command.attemptedAt, CARE_SCHEDULE.eventInvitation.letterWithinDays), rule: 'R-CB-10',
      },
    };
    events.push(letter);
  }
  return events;
}

function validateOutcome(command: RecordCallbackAttempt): void {
  if (!command.reached) {
    if (command.satisfaction !== null) throw CallbackErrors.outcomeWithoutReach('satisfaction');
    if (command.feedback !== null) throw CallbackErrors.outcomeWithoutReach('feedback');
    if (command.csi !== null) throw CallbackErrors.outcomeWithoutReach('csi');
    return;
  }
  const s = command.satisfaction;
  if (s !== null && !(Number.isInteger(s) && s >= SATISFACTION_MIN && s <= SATISFACTION_MAX)) {
    throw CallbackErrors.invalidScore('satisfaction', SATISFACTION_MIN, SATISFACTION_MAX);
  }
  for (const [factor, score] of Object.entries(command.csi ?? {})) {
    if (!isCsiFactor(factor)) throw CallbackErrors.invalidScore(`csi.${factor}`, CSI_MIN_SCORE, CSI_MAX_SCORE);
    if (!(Number.isInteger(score) && score >= CSI_MIN_SCORE && score <= CSI_MAX_SCORE)) throw CallbackErrors.invalidScore(`csi.${factor}`, CSI_MIN_SCORE, CSI_MAX_SCORE);
  }
}
