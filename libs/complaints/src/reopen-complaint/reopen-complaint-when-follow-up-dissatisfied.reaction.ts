import { Clock, DomainError, RecordedEvent, SYSTEM_ACTOR } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { defineReaction, ReactionDefinition } from '@aftercare/projections';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideReopenComplaint } from './reopen-complaint.command';

export const REOPEN_ON_DISSATISFACTION_REACTION = 'reopen-complaint-when-follow-up-dissatisfied';

/** What the callbacks context records when a call is done (read by type string: no import cycle). */
interface CallbackCompletedData {
  callbackId: string;
  type: string;
  agentId: string;
  completedAt: string;
  satisfaction: number | null;
  feedback: string | null;
}

/**
 * R-CP-6: the customer is dissatisfied when the follow-up call scores 1–2 on the
 * 1–5 satisfaction scale, or the feedback is criticism or a complaint.
 */
export function isDissatisfied(call: Pick<CallbackCompletedData, 'satisfaction' | 'feedback'>): boolean {
  return (call.satisfaction !== null && call.satisfaction <= 2) || call.feedback === 'criticism' || call.feedback === 'complaint';
}

/**
 * R-CP-6 "dissatisfied reopens": when the complaint follow-up call (R-CB-7) finds
 * the customer dissatisfied, the complaint goes back to investigation by itself.
 * Idempotent: the reopening's event id derives from the call's event, and a
 * complaint already reopened (by hand or by an earlier delivery) is left alone.
 */
export function reopenComplaintWhenFollowUpDissatisfied(deps: { eventStore: EventStore; runner: CommandRunner; clock: Clock }): ReactionDefinition {
  return defineReaction({
    name: REOPEN_ON_DISSATISFACTION_REACTION,
    handlers: {
      CallbackCompleted: async (event: RecordedEvent) => {
        const call = event.data as unknown as CallbackCompletedData;
        if (call.type !== 'complaint_follow_up' || !isDissatisfied(call)) return;
        const [scheduled] = await deps.eventStore.readStream(`callback-${call.callbackId}`, { limit: 1 });
        const complaintId = (scheduled?.data as { subject?: { complaintId?: string } } | undefined)?.subject?.complaintId;
        if (!complaintId) return;
        const ctx: CommandContext = {
          actor: { ...SYSTEM_ACTOR, dealerId: event.metadata.dealerId },
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          idempotencyKey: `R-CP-6:${event.metadata.eventId}`,
          expectedRevision: null,
        };
        const step = complaintStep(ctx, complaintId, undefined, deps.clock);
        const reason = `R-CP-6: dissatisfied at the follow-up call ${call.callbackId} by ${call.agentId} (satisfaction ${call.satisfaction ?? 'n/a'}, feedback ${call.feedback ?? 'none'})`;
        try {
          await deps.runner.run(ctx, onComplaint(step, (state) => decideReopenComplaint({ ...step, reason }, state)));
        } catch (err) {
          // Already reopened, or closed for good by a later step: nothing left to do.
          if (err instanceof DomainError && err.kind === 'conflict') return;
          throw err;
        }
      },
    },
  });
}
