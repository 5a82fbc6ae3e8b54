import type { RecordedEvent } from '@aftercare/kernel';
import type { ComplaintEvent } from '../../domain/complaint.events';
import { DEADLINE_RULES, DeadlineKind, escalationDue, interimReplyDue } from '../../domain/complaint.deadlines';
import type { ComplaintDeadline, ComplaintDetailsDoc } from './complaint-details.document';

type Recorded = RecordedEvent & ComplaintEvent;

/**
 * The complaint as its events tell it: one pure step per event. The projection
 * applies it to the stored document; an as-of read applies it to the events that
 * had happened by then, so both answer alike.
 */
export function evolveComplaintDetails(doc: ComplaintDetailsDoc | null, event: RecordedEvent): ComplaintDetailsDoc | null {
  const e = event as Recorded;
  const at = e.metadata.occurredAt;
  if (e.type === 'ComplaintReceived') {
    const d = e.data;
    const created: ComplaintDetailsDoc = {
      _id: d.complaintId,
      id: d.complaintId,
      dealerId: d.dealerId,
      customerId: d.customerId,
      vin: d.vin,
      status: 'received',
      severity: d.severity,
      channel: d.channel,
      subject: d.subject,
      description: d.description,
      expectedResolution: d.expectedResolution,
      callbackId: d.callbackId,
      takenBy: d.takenBy,
      takenByRole: d.takenByRole,
      generalManagerNotifiedAt: null,
      replyBy: null,
      rootCause: null,
      responsibleParty: null,
      findings: null,
      escalatedAt: null,
      assigneeId: null,
      // R-CP-2 and R-CP-3 count from the time the complaint was taken, even when filed late.
      deadlines: [deadline('interim_reply', interimReplyDue(d.receivedAt)), deadline('escalation', escalationDue(d.receivedAt))],
      timeline: [],
      solutions: [],
      revision: e.revision,
      receivedAt: d.receivedAt,
      acknowledgedAt: null,
      resolvedAt: null,
      closedAt: null,
      reopenedAt: null,
      reopenCount: 0,
      statusHistory: [{ status: 'received', at: d.receivedAt }],
      escalationDueAt: null,
      updatedAt: e.metadata.recordedAt,
    };
    return finish(created, e);
  }
  if (!doc) return null;
  // Already applied (a replayed batch): the stream revision says so.
  if (e.revision <= doc.revision) return doc;
  const next: ComplaintDetailsDoc = {
    ...doc,
    deadlines: doc.deadlines.map((d) => ({ ...d })),
    solutions: doc.solutions.map((s) => ({ ...s })),
    timeline: [...doc.timeline],
  };
  switch (e.type) {
    case 'DealerGeneralManagerNotified':
      next.generalManagerNotifiedAt = at;
      break;
    case 'ComplaintAcknowledged':
      next.status = 'acknowledged';
      next.acknowledgedAt = at;
      next.replyBy = e.data.replyBy;
      next.deadlines.push(deadline('reply_by', e.data.replyBy));
      break;
    case 'InterimReplySent':
      // R-CP-1 and R-CP-2: the customer has had an answer.
      meet(next, ['reply_by', 'interim_reply'], at);
      break;
    case 'ComplaintEscalated':
      next.escalatedAt = at;
      meet(next, ['escalation'], at);
      break;
    case 'ComplaintAssigned': {
      next.assigneeId = e.data.assigneeId;
      // A new assignment moves the open deadline: the supervisor set a new one.
      const open = next.deadlines.find((d) => d.kind === 'assignment' && d.metAt === null);
      if (open) open.dueAt = e.data.deadline;
      else next.deadlines.push(deadline('assignment', e.data.deadline));
      break;
    }
    case 'ComplaintInvestigated':
      next.status = 'investigating';
      next.rootCause = e.data.rootCause;
      next.responsibleParty = e.data.responsibleParty;
      next.findings = e.data.findings;
      break;
    case 'SolutionProposed':
      next.status = 'solution_proposed';
      next.solutions.push({
        solutionNo: e.data.solutionNo,
        description: e.data.description,
        compensationAmount: e.data.compensationAmount,
        status: 'pending',
        proposedAt: at,
        answeredAt: null,
        reason: null,
      });
      // A proposal is an answer to the customer too (R-CP-1, R-CP-2).
      meet(next, ['reply_by', 'interim_reply'], at);
      break;
    case 'SolutionAccepted':
    case 'SolutionRejected': {
      next.status = e.type === 'SolutionAccepted' ? 'accepted' : 'rejected';
      const solution = next.solutions.find((s) => s.solutionNo === e.data.solutionNo);
      if (solution) {
        solution.status = next.status === 'accepted' ? 'accepted' : 'rejected';
        solution.answeredAt = at;
        solution.reason = e.type === 'SolutionRejected' ? e.data.reason : null;
      }
      break;
    }
    case 'ComplaintResolved':
      next.status = 'resolved';
      next.resolvedAt = at;
      meet(next, ['reply_by', 'interim_reply', 'escalation', 'assignment'], at);
      // R-CP-6: the follow-up call within 2 days.
      next.deadlines.push(deadline('follow_up', e.data.followUpDueAt));
      break;
    case 'ComplaintClosed':
      next.status = 'closed';
      next.closedAt = at;
      meet(next, ['follow_up'], at);
      break;
    case 'ComplaintReopened': {
      // R-CP-6 (DOMAIN.md: "from resolved/closed back to investigating"); the step itself stays in the timeline.
      next.status = 'investigating';
      next.reopenedAt = e.data.reopenedAt;
      next.reopenCount = (doc.reopenCount ?? 0) + 1;
      next.resolvedAt = null;
      next.closedAt = null;
      // The follow-up call took place: it is what reopened the complaint (R-CP-6).
      meet(next, ['follow_up'], at);
      // Unsolved again: R-CP-2 and, unless the supervisor already has it, R-CP-3 count from now.
      next.deadlines.push(deadline('interim_reply', interimReplyDue(e.data.reopenedAt)));
      if (!next.escalatedAt) next.deadlines.push(deadline('escalation', escalationDue(e.data.reopenedAt)));
      break;
    }
    default:
      return doc;
  }
  if (next.status !== doc.status) next.statusHistory = [...(doc.statusHistory ?? []), { status: next.status, at }];
  return finish(next, e);
}

/**
 * The complaint as it stood at `asOf` (business time), from the stored document
 * alone: its timeline entries dated at or before asOf folded again by this same
 * reducer. Steps are kept in business-time order, so that is a prefix of the
 * stream, and the answer is the one folding the stream's events gives (GET
 * /complaints/{id}?asOf). null when it had not been received by then.
 */
export function complaintDetailsAsOf(doc: ComplaintDetailsDoc, asOf: string): ComplaintDetailsDoc | null {
  const timeline = doc.timeline;
  if (timeline.length === 0 || timeline[0].occurredAt > asOf) return null;
  if (timeline[timeline.length - 1].occurredAt <= asOf) return doc;
  let folded: ComplaintDetailsDoc | null = null;
  for (const entry of timeline) {
    if (entry.occurredAt > asOf) break;
    const event = {
      type: entry.type,
      data: { complaintId: doc.id, ...entry.details },
      revision: entry.revision,
      metadata: { occurredAt: entry.occurredAt, recordedAt: entry.recordedAt, actor: { id: entry.actorId, role: entry.role } },
    } as unknown as RecordedEvent;
    folded = evolveComplaintDetails(folded, event);
  }
  return folded;
}

function finish(doc: ComplaintDetailsDoc, e: Recorded): ComplaintDetailsDoc {
  const { complaintId: _omit, ...details } = e.data as { complaintId: string } & Record<string, unknown>;
  doc.timeline.push({
    type: e.type,
    actorId: e.metadata.actor.id,
    role: e.metadata.actor.role,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    revision: e.revision,
    details,
  });
  doc.revision = e.revision;
  doc.updatedAt = e.metadata.recordedAt;
  doc.escalationDueAt = doc.deadlines.find((d) => d.kind === 'escalation' && d.metAt === null)?.dueAt ?? null;
  return doc;
}

function deadline(kind: DeadlineKind, dueAt: string): ComplaintDeadline {
  return { kind, rule: DEADLINE_RULES[kind], dueAt, metAt: null };
}

function meet(doc: ComplaintDetailsDoc, kinds: DeadlineKind[], at: string): void {
  for (const d of doc.deadlines) if (d.metAt === null && kinds.includes(d.kind)) d.metAt = at;
}
