import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import type {
  CallbackAttemptRecorded,
  CallbackCancelled,
  CallbackClaimed,
  CallbackCompleted,
  CallbackReprioritized,
  CallbackRescheduled,
  CallbackRetryScheduled,
  CallbackScheduled,
  CallbackUnreachable,
  InvitationLetterRequested,
  PraiseCredited,
} from '../../domain/callback.events';
import { CARE_SCHEDULE } from '../../domain/care-schedule';
import { CALLBACK_CALLS, CALLBACK_QUEUE, CallbackCallDoc, CallbackDoc, dayOf } from './callback-queue.document';
import { CALLBACK_REPORT_DAYS, CallbackReportDayDoc, contributionDelta, contributionOf } from '../callback-report/callback-report.counters';
import { CSI_MONTHS, csiIncrement, CsiMonthDoc, monthOf } from '../csi-report/csi-report.counters';

type Stored<E> = RecordedEvent & E;

/**
 * One projection for the queue, the call log and the report counters: the
 * counters are derived from a callback's document before and after each event
 * (its contribution), so they must change in the same batch as the document.
 */
class CallbackProjector {
  constructor(private readonly ctx: ProjectionContext) {}

  private get queue() {
    return this.ctx.collection<CallbackDoc>(CALLBACK_QUEUE);
  }

  async scheduled(event: Stored<CallbackScheduled>): Promise<void> {
    const d = event.data;
    const doc: CallbackDoc = {
      _id: d.callbackId, id: d.callbackId, dealerId: d.dealerId, customerId: d.customerId, vin: d.vin, type: d.type, rule: d.rule,
      dueAt: d.dueAt, dueDay: dayOf(d.dueAt), latestAt: d.latestAt, priority: d.priority, priorityRank: CARE_SCHEDULE.priorities[d.priority],
      status: 'scheduled', queueState: 'open', assigneeId: d.assigneeId, routedTo: d.assigneeId, claimedBy: null, claimedAt: null,
      advisorId: d.advisorId, subject: d.subject, notes: d.notes, causationEventId: d.causationEventId, postponedFrom: d.postponedFrom,
      attempts: [], outcome: null, closedAt: null, cancelReason: null, letterDueAt: null, praiseCreditedTo: null,
      scheduledAt: event.metadata.recordedAt, revision: event.revision, updatedAt: event.metadata.recordedAt,
    };
    await this.queue.replaceOne({ _id: doc._id }, doc, { upsert: true });
    await this.count(null, doc);
  }

  async edit(event: RecordedEvent, callbackId: string, change: (doc: CallbackDoc) => void): Promise<CallbackDoc | null> {
    const doc = await this.queue.findOne({ _id: callbackId });
    if (!doc) return null;
    const before = structuredClone(doc);
    change(doc);
    doc.queueState = doc.status === 'scheduled' || doc.status === 'claimed' ? 'open' : 'closed';
    doc.assigneeId = doc.claimedBy ?? doc.routedTo;
    doc.dueDay = dayOf(doc.dueAt);
    doc.priorityRank = CARE_SCHEDULE.priorities[doc.priority];
    doc.revision = event.revision;
    doc.updatedAt = event.metadata.recordedAt;
    await this.queue.replaceOne({ _id: callbackId }, doc);
    await this.count(before, doc);
    return doc;
  }

  /** R-CB-13: moves the report counters from the callback's old contribution to its new one. */
  private async count(before: CallbackDoc | null, after: CallbackDoc): Promise<void> {
    const days = this.ctx.collection<CallbackReportDayDoc>(CALLBACK_REPORT_DAYS);
    for (const [key, { c, inc }] of contributionDelta(contributionOf(before), contributionOf(after))) {
      await days.updateOne({ _id: key }, { $inc: inc, $setOnInsert: { dealerId: c.dealerId, day: c.day, agentId: c.agentId } }, { upsert: true });
    }
  }

  async attempted(event: Stored<CallbackAttemptRecorded>): Promise<void> {
    const d = event.data;
    const doc = await this.edit(event, d.callbackId, (doc) => {
      doc.attempts.push({
        attemptNo: d.attemptNo, agentId: d.agentId, at: d.attemptedAt, reached: d.reached, satisfaction: d.satisfaction, feedback: d.feedback,
        notes: d.notes, csi: d.csi,
      });
    });
    if (!doc) return;
    const call: CallbackCallDoc = {
      _id: `${d.callbackId}:${d.attemptNo}`, dealerId: doc.dealerId, day: dayOf(d.attemptedAt), callbackId: d.callbackId, customerId: doc.customerId,
      type: doc.type, attemptNo: d.attemptNo, agentId: d.agentId, at: d.attemptedAt, reached: d.reached, satisfaction: d.satisfaction, feedback: d.feedback,
    };
    await this.ctx.collection<CallbackCallDoc>(CALLBACK_CALLS).replaceOne({ _id: call._id }, call, { upsert: true });
    if (d.reached) {
      // Satisfaction index per dealer, advisor and month of the call (DOMAIN.md "Satisfaction index").
      const month = monthOf(d.attemptedAt);
      const advisorId = doc.advisorId ?? '';
      const inc = csiIncrement(d);
      if (Object.keys(inc).length) {
        await this.ctx.collection<CsiMonthDoc>(CSI_MONTHS).updateOne(
          { _id: `${doc.dealerId}|${advisorId}|${month}` },
          { $inc: inc, $setOnInsert: { dealerId: doc.dealerId, advisorId, month } },
          { upsert: true },
        );
      }
    }
  }
}

const handlers: Record<string, (event: RecordedEvent, p: CallbackProjector) => Promise<unknown>> = {
  CallbackScheduled: (e, p) => p.scheduled(e as Stored<CallbackScheduled>),
  CallbackRescheduled: (e, p) => {
    const d = (e as Stored<CallbackRescheduled>).data;
    return p.edit(e, d.callbackId, (doc) => void (doc.dueAt = d.dueAt));
  },
  CallbackReprioritized: (e, p) => {
    const d = (e as Stored<CallbackReprioritized>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.priority = d.priority;
      doc.routedTo = d.assigneeId;
    });
  },
  CallbackClaimed: (e, p) => {
    const d = (e as Stored<CallbackClaimed>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.status = 'claimed';
      doc.claimedBy = d.agentId;
      doc.claimedAt = d.claimedAt;
    });
  },
  CallbackAttemptRecorded: (e, p) => p.attempted(e as Stored<CallbackAttemptRecorded>),
  CallbackRetryScheduled: (e, p) => {
    const d = (e as Stored<CallbackRetryScheduled>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.status = 'scheduled';
      doc.dueAt = d.dueAt;
      doc.claimedBy = null;
      doc.claimedAt = null;
    });
  },
  CallbackCompleted: (e, p) => {
    const d = (e as Stored<CallbackCompleted>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.status = 'done';
      doc.outcome = { agentId: d.agentId, at: d.completedAt, satisfaction: d.satisfaction, feedback: d.feedback };
      doc.closedAt = d.completedAt;
    });
  },
  CallbackUnreachable: (e, p) => {
    const d = (e as Stored<CallbackUnreachable>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.status = 'unreachable';
      doc.closedAt = d.closedAt;
    });
  },
  CallbackCancelled: (e, p) => {
    const d = (e as Stored<CallbackCancelled>).data;
    return p.edit(e, d.callbackId, (doc) => {
      doc.status = 'cancelled';
      doc.cancelReason = d.reason;
      doc.closedAt = e.metadata.occurredAt;
    });
  },
  PraiseCredited: (e, p) => {
    const d = (e as Stored<PraiseCredited>).data;
    return p.edit(e, d.callbackId, (doc) => void (doc.praiseCreditedTo = d.advisorId));
  },
  InvitationLetterRequested: (e, p) => {
    const d = (e as Stored<InvitationLetterRequested>).data;
    return p.edit(e, d.callbackId, (doc) => void (doc.letterDueAt = d.dueAt));
  },
};

/** The queue index: dealer, open, due day, priority rank, due instant (and _id), the order R-CB-11 reads in. */
const QUEUE_ORDER = { dueDay: 1, priorityRank: 1, dueAt: 1 } as const;

export const callbackQueueProjection = defineProjection({
  name: 'callbacks',
  version: 1,
  collections: {
    [CALLBACK_QUEUE]: [
      { fields: { dealerId: 1, queueState: 1, ...QUEUE_ORDER } },
      { fields: { dealerId: 1, queueState: 1, assigneeId: 1, ...QUEUE_ORDER } },
      { fields: { dealerId: 1, queueState: 1, type: 1, ...QUEUE_ORDER } },
      { fields: { queueState: 1, ...QUEUE_ORDER } },
      { fields: { dealerId: 1, dueDay: 1 } },
    ],
    [CALLBACK_CALLS]: [{ fields: { dealerId: 1, day: 1 } }],
    [CALLBACK_REPORT_DAYS]: [{ fields: { dealerId: 1, day: 1 } }, { fields: { day: 1 } }],
    [CSI_MONTHS]: [{ fields: { dealerId: 1, month: 1 } }, { fields: { month: 1 } }],
  },
  handlers: Object.fromEntries(
    Object.entries(handlers).map(([type, handle]) => [type, async (event: RecordedEvent, ctx: ProjectionContext) => void (await handle(event, new CallbackProjector(ctx)))]),
  ),
});
