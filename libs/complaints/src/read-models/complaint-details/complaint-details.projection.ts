import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import type { Collection } from '@aftercare/read-store';
import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint.events';
import {
  COMPLAINT_DETAILS,
  COMPLAINT_OVERDUE_SPANS,
  COMPLAINT_STATUS_SPANS,
  ComplaintDetailsDoc,
  ComplaintOverdueSpanDoc,
  ComplaintStatusSpanDoc,
} from './complaint-details.document';
import { evolveComplaintDetails } from './complaint-details.reducer';
import { overdueSpans } from './complaint-details.overdue';
import { statusSpans } from './complaint-details.status';

async function apply(event: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const details = ctx.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS);
  const complaintId = (event.data as { complaintId: string }).complaintId;
  const before = event.type === 'ComplaintReceived' ? null : await details.findOne({ _id: complaintId });
  const doc = evolveComplaintDetails(before, event);
  if (!doc || doc === before) return;
  await details.replaceOne({ _id: doc._id }, doc, { upsert: true });
  await writeOverdueSpans(ctx.collection<ComplaintOverdueSpanDoc>(COMPLAINT_OVERDUE_SPANS), before, doc);
  await writeStatusSpans(ctx.collection<ComplaintStatusSpanDoc>(COMPLAINT_STATUS_SPANS), before, doc);
}

/**
 * Keeps the complaint's overdue periods (and the fields lists filter on) beside
 * it, writing only what changed: most steps leave them as they were, and a
 * complaint handled in time has none.
 */
async function writeOverdueSpans(spans: Collection<ComplaintOverdueSpanDoc>, before: ComplaintDetailsDoc | null, doc: ComplaintDetailsDoc): Promise<void> {
  const previous = before ? overdueSpans(before.deadlines) : [];
  const computed = overdueSpans(doc.deadlines);
  const statusChanged = before?.status !== doc.status;
  for (let index = 0; index < computed.length; index++) {
    const span = computed[index];
    const old = previous[index];
    if (!statusChanged && old && old.from === span.from && old.until === span.until) continue;
    const stored: ComplaintOverdueSpanDoc = {
      _id: `${doc.id}:${index}`,
      complaintId: doc.id,
      index,
      dealerId: doc.dealerId,
      customerId: doc.customerId,
      status: doc.status,
      receivedAt: doc.receivedAt,
      from: span.from,
      until: span.until,
    };
    await spans.replaceOne({ _id: stored._id }, stored, { upsert: true });
  }
  if (previous.length > computed.length) await spans.deleteMany({ complaintId: doc.id, index: { $gte: computed.length } });
}

/**
 * Keeps the periods the complaint spent in each status beside it. The history only
 * grows, so a status change closes the last period and opens one: two writes.
 */
async function writeStatusSpans(spans: Collection<ComplaintStatusSpanDoc>, before: ComplaintDetailsDoc | null, doc: ComplaintDetailsDoc): Promise<void> {
  const previous = before ? statusSpans(before.statusHistory ?? []) : [];
  const computed = statusSpans(doc.statusHistory);
  for (let index = 0; index < computed.length; index++) {
    const span = computed[index];
    const old = previous[index];
    if (old && old.status === span.status && old.from === span.from && old.until === span.until) continue;
    const stored: ComplaintStatusSpanDoc = {
      _id: `${doc.id}:${index}`,
      complaintId: doc.id,
      index,
      dealerId: doc.dealerId,
      customerId: doc.customerId,
      status: span.status,
      receivedAt: doc.receivedAt,
      from: span.from,
      until: span.until,
    };
    await spans.replaceOne({ _id: stored._id }, stored, { upsert: true });
  }
  if (previous.length > computed.length) await spans.deleteMany({ complaintId: doc.id, index: { $gte: computed.length } });
}

/**
 * `complaint-details`: one document per complaint (API.md complaint read shape),
 * its overdue periods and its status periods. Indexes serve the lists of API.md
 * (by dealer, status, customer; as of T by receivedAt, or by status periods), the
 * overdue question (`from < T < until`) and the R-CP-3 worker's "escalation due by
 * now". Version 2: statusHistory, reopenCount, status periods; a reopened
 * complaint is `investigating` (R-CP-6).
 */
export const complaintDetailsProjection = defineProjection({
  name: 'complaint-details',
  version: 2,
  collections: {
    [COMPLAINT_DETAILS]: [
      { fields: { dealerId: 1 } },
      { fields: { dealerId: 1, status: 1 } },
      { fields: { customerId: 1 } },
      { fields: { status: 1 } },
      { fields: { escalationDueAt: 1 } },
      { fields: { receivedAt: 1 } },
      { fields: { dealerId: 1, receivedAt: 1 } },
      { fields: { customerId: 1, receivedAt: 1 } },
    ],
    [COMPLAINT_OVERDUE_SPANS]: [
      { fields: { until: 1, from: 1 } },
      { fields: { dealerId: 1, until: 1, from: 1 } },
      { fields: { complaintId: 1, index: 1 } },
    ],
    [COMPLAINT_STATUS_SPANS]: [
      { fields: { status: 1, until: 1, from: 1 } },
      { fields: { dealerId: 1, status: 1, until: 1, from: 1 } },
      { fields: { customerId: 1, status: 1, until: 1, from: 1 } },
      { fields: { complaintId: 1, index: 1 } },
    ],
  },
  handlers: Object.fromEntries(COMPLAINT_EVENT_TYPES.map((type) => [type, apply])),
});
