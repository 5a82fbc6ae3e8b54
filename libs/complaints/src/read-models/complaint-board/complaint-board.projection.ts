import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import type { ComplaintEvent } from '../../domain/complaint.events';
import type { ComplaintStatus } from '../../domain/complaint.state';
import { boardDayId, COMPLAINT_BOARD_DAYS, COMPLAINT_BOARD_ITEMS, ComplaintBoardDayDoc, ComplaintBoardItemDoc, dayOf } from './complaint-board.document';

type Recorded = RecordedEvent & ComplaintEvent;

/** The status each event leaves the complaint in (the same lifecycle as complaint.state.ts). */
const STATUS_AFTER: Partial<Record<ComplaintEvent['type'], ComplaintStatus>> = {
  ComplaintAcknowledged: 'acknowledged',
  ComplaintInvestigated: 'investigating',
  SolutionProposed: 'solution_proposed',
  SolutionAccepted: 'accepted',
  SolutionRejected: 'rejected',
  ComplaintResolved: 'resolved',
  ComplaintClosed: 'closed',
  // R-CP-6: a reopened complaint is investigating again.
  ComplaintReopened: 'investigating',
};

async function apply(event: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const e = event as Recorded;
  const items = ctx.collection<ComplaintBoardItemDoc>(COMPLAINT_BOARD_ITEMS);
  const days = ctx.collection<ComplaintBoardDayDoc>(COMPLAINT_BOARD_DAYS);

  if (e.type === 'ComplaintReceived') {
    const d = e.data;
    const day = dayOf(d.receivedAt);
    await items.replaceOne(
      { _id: d.complaintId },
      { _id: d.complaintId, dealerId: d.dealerId, day, receivedAt: d.receivedAt, status: 'received', rootCause: null, resolveMs: null },
      { upsert: true },
    );
    await days.updateOne(
      { _id: boardDayId(d.dealerId, day) },
      {
        $setOnInsert: { dealerId: d.dealerId, day },
        $inc: { received: 1, 'byStatus.received': 1, [`bySubject.${d.subject}`]: 1, [`bySeverity.${d.severity}`]: 1, resolved: 0, resolveMsTotal: 0 },
      },
      { upsert: true },
    );
    return;
  }

  const item = await items.findOne({ _id: (e.data as { complaintId: string }).complaintId });
  if (!item) return;
  const inc: Record<string, number> = {};
  const set: Partial<ComplaintBoardItemDoc> = {};
  const status = STATUS_AFTER[e.type];
  if (status && status !== item.status) {
    inc[`byStatus.${item.status}`] = -1;
    inc[`byStatus.${status}`] = 1;
    set.status = status;
  }
  if (e.type === 'ComplaintInvestigated' && e.data.rootCause !== item.rootCause) {
    // R-CP-5: a revised investigation moves the complaint to its new root cause.
    if (item.rootCause) inc[`byRootCause.${item.rootCause}`] = -1;
    inc[`byRootCause.${e.data.rootCause}`] = 1;
    set.rootCause = e.data.rootCause;
  }
  if (e.type === 'ComplaintResolved') {
    const ms = Date.parse(e.metadata.occurredAt) - Date.parse(item.receivedAt);
    inc.resolved = 1;
    inc.resolveMsTotal = ms;
    set.resolveMs = ms;
  }
  if (e.type === 'ComplaintReopened' && item.resolveMs !== null) {
    // Unresolved again: its time to resolve is counted when it is resolved anew.
    inc.resolved = (inc.resolved ?? 0) - 1;
    inc.resolveMsTotal = (inc.resolveMsTotal ?? 0) - item.resolveMs;
    set.resolveMs = null;
  }
  if (Object.keys(set).length === 0) return;
  await items.updateOne({ _id: item._id }, { $set: set });
  if (Object.keys(inc).length) await days.updateOne({ _id: boardDayId(item.dealerId, item.day) }, { $inc: inc });
}

/** `complaint-board`: per dealer and day of intake, the counts a customer service manager's board shows. */
export const complaintBoardProjection = defineProjection({
  name: 'complaint-board',
  version: 2,
  collections: {
    [COMPLAINT_BOARD_DAYS]: [{ fields: { dealerId: 1, day: 1 } }],
    [COMPLAINT_BOARD_ITEMS]: [],
  },
  handlers: Object.fromEntries(
    ['ComplaintReceived', 'ComplaintInvestigated', ...Object.keys(STATUS_AFTER)].filter((t, i, all) => all.indexOf(t) === i).map((type) => [type, apply]),
  ),
});
