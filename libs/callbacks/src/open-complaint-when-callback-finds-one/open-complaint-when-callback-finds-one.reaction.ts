import type { Clock, RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { defineReaction, ReactionDefinition } from '@aftercare/projections';
import { ReceiveComplaintCommand, ReceiveComplaintHandler, type Subject } from '@aftercare/complaints';
import type { CallbackAttemptRecorded, CallbackScheduled } from '../domain/callback.events';
import { callbackStream } from '../domain/callback.streams';

export const OPEN_COMPLAINT_REACTION = 'open-complaint-when-callback-finds-one';

/** The Idempotency-Key the complaint is filed under: the complaint's id and events derive from the attempt's event id. */
export const complaintKeyOf = (attemptEventId: string) => `callback-attempt:${attemptEventId}`;

/**
 * DOMAIN.md "Callbacks": a `complaint` outcome opens a complaint linked to the
 * callback (channel `callback`, callbackId). Filed through the complaints
 * context's own intake (its handler on the CommandRunner, as the agent who made
 * the call), with an idempotency key derived from the attempt's event id: a
 * re-run of this reaction, or a retried attempt request, files exactly one.
 */
export function openComplaintWhenCallbackFindsOne(deps: { eventStore: EventStore; runner: CommandRunner; clock: Clock }): ReactionDefinition {
  const intake = new ReceiveComplaintHandler(deps.runner, deps.eventStore, deps.clock);
  return defineReaction({
    name: OPEN_COMPLAINT_REACTION,
    handlers: {
      CallbackAttemptRecorded: async (event: RecordedEvent) => {
        const attempt = (event as unknown as CallbackAttemptRecorded).data;
        if (attempt.feedback !== 'complaint' || !attempt.complaint) return;
        const [first] = await deps.eventStore.readStream(callbackStream(attempt.callbackId), { limit: 1 });
        if (!first || first.type !== 'CallbackScheduled') return;
        const callback = (first as unknown as CallbackScheduled).data;
        const ctx: CommandContext = {
          actor: event.metadata.actor,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          idempotencyKey: complaintKeyOf(event.metadata.eventId),
          expectedRevision: null,
        };
        await intake.execute(
          new ReceiveComplaintCommand(ctx, callback.dealerId, {
            customerId: callback.customerId,
            vin: callback.vin,
            channel: 'callback',
            subject: attempt.complaint.subject as Subject,
            description: attempt.notes ?? `complaint raised during a ${callback.type} callback`,
            expectedResolution: attempt.complaint.expectedResolution,
            severity: attempt.complaint.severity,
            callbackId: attempt.callbackId,
            occurredAt: attempt.attemptedAt,
          }),
        );
      },
    },
  });
}
