import type { CallbackCancelled, CallbackReprioritized, CallbackRescheduled } from '../domain/callback.events';
import { CallbackState, isOpen } from '../domain/callback.state';
import type { ReprioritizedCall, RescheduledCall, WithdrawnCall } from '../domain/care-plan.events';

/** What the care plan changes about a call it already queued. */
export type AdjustPlannedCallback =
  | ({ kind: 'reschedule'; causationEventId: string } & RescheduledCall)
  | ({ kind: 'reprioritize'; causationEventId: string } & ReprioritizedCall)
  | ({ kind: 'withdraw'; causationEventId: string } & WithdrawnCall);

/**
 * The scheduler moves, re-prioritises or withdraws only calls still in the
 * queue: a call already done, unreachable or cancelled is left as it ended (the
 * agent's work wins over the plan), and a change that changes nothing appends nothing.
 */
export function decideAdjustPlannedCallback(
  command: AdjustPlannedCallback,
  state: CallbackState,
): (CallbackRescheduled | CallbackReprioritized | CallbackCancelled)[] {
  if (!state.exists || !isOpen(state)) return [];
  switch (command.kind) {
    case 'reschedule':
      if (state.dueAt === command.dueAt) return [];
      return [
        {
          type: 'CallbackRescheduled',
          data: {
            callbackId: command.callbackId, dueAt: command.dueAt, previousDueAt: state.dueAt!, reason: command.reason, rule: command.rule,
            causationEventId: command.causationEventId,
          },
        },
      ];
    case 'reprioritize':
      if (state.priority === command.priority && state.assigneeId === command.assigneeId) return [];
      return [
        {
          type: 'CallbackReprioritized',
          data: { callbackId: command.callbackId, priority: command.priority, assigneeId: command.assigneeId, reason: command.reason, causationEventId: command.causationEventId },
        },
      ];
    case 'withdraw':
      return [
        { type: 'CallbackCancelled', data: { callbackId: command.callbackId, reason: command.reason, rule: command.rule, causationEventId: command.causationEventId } },
      ];
  }
}
