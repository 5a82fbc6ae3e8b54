import type { ComplaintDetailsDoc } from './complaint-details.document';
import { isOverdueAt } from './complaint-details.overdue';

/**
 * The complaint read shape of API.md, as of an instant: each deadline says
 * whether it is overdue then, computed from the stored facts (dueAt, metAt), so
 * the same history answers the same way for the same asOf.
 */
export function toComplaintView(doc: ComplaintDetailsDoc, asOf: string) {
  const deadlines = doc.deadlines.map((d) => ({ kind: d.kind, rule: d.rule, dueAt: d.dueAt, metAt: d.metAt, overdue: isOverdueAt(d, asOf) }));
  return {
    id: doc.id,
    dealerId: doc.dealerId,
    customerId: doc.customerId,
    vin: doc.vin,
    status: doc.status,
    severity: doc.severity,
    channel: doc.channel,
    subject: doc.subject,
    description: doc.description,
    expectedResolution: doc.expectedResolution,
    callbackId: doc.callbackId,
    takenBy: doc.takenBy,
    takenByRole: doc.takenByRole,
    generalManagerNotifiedAt: doc.generalManagerNotifiedAt,
    replyBy: doc.replyBy,
    rootCause: doc.rootCause,
    responsibleParty: doc.responsibleParty,
    findings: doc.findings,
    escalatedAt: doc.escalatedAt,
    assigneeId: doc.assigneeId,
    overdue: deadlines.some((d) => d.overdue),
    deadlines,
    timeline: doc.timeline,
    solutions: doc.solutions,
    revision: doc.revision,
    receivedAt: doc.receivedAt,
    acknowledgedAt: doc.acknowledgedAt,
    resolvedAt: doc.resolvedAt,
    closedAt: doc.closedAt,
    reopenedAt: doc.reopenedAt,
    reopenCount: doc.reopenCount,
    statusHistory: doc.statusHistory,
    asOf,
  };
}

export type ComplaintView = ReturnType<typeof toComplaintView>;
