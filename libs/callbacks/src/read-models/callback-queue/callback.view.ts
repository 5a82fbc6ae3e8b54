import type { CallbackDoc } from './callback-queue.document';

/** API.md "Read shapes": the callback and queue item. */
export function toCallbackView(doc: CallbackDoc) {
  return {
    id: doc.id,
    dealerId: doc.dealerId,
    customerId: doc.customerId,
    vin: doc.vin,
    type: doc.type,
    rule: doc.rule,
    dueAt: doc.dueAt,
    latestAt: doc.latestAt,
    priority: doc.priority,
    status: doc.status,
    assigneeId: doc.assigneeId,
    routedTo: doc.routedTo,
    claimedBy: doc.claimedBy,
    claimedAt: doc.claimedAt,
    advisorId: doc.advisorId,
    subject: doc.subject,
    notes: doc.notes,
    attempts: doc.attempts,
    outcome: doc.outcome,
    closedAt: doc.closedAt,
    cancelReason: doc.cancelReason,
    postponedFrom: doc.postponedFrom,
    letterDueAt: doc.letterDueAt,
    praiseCreditedTo: doc.praiseCreditedTo,
    causationEventId: doc.causationEventId,
    scheduledAt: doc.scheduledAt,
    revision: doc.revision,
  };
}

export type CallbackView = ReturnType<typeof toCallbackView>;
