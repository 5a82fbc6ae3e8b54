import type { RecordedEvent } from '@aftercare/kernel';
import { events } from '../../testing/complaint-history.fixture';
import type { ComplaintEvent } from '../../domain/complaint.events';
import { ComplaintDeadline, ComplaintDetailsDoc, OPEN_END } from './complaint-details.document';
import { complaintDetailsAsOf, evolveComplaintDetails } from './complaint-details.reducer';
import { statusAt, statusSpans } from './complaint-details.status';
import { isOverdueAt, overdueSpans } from './complaint-details.overdue';

/** Folds [occurredAt, event] pairs as the store would deliver them. */
function fold(history: [string, ComplaintEvent][]): ComplaintDetailsDoc {
  return foldWithRevisions(history, history.length);
}

/** The first `count` of them. */
function foldWithRevisions(history: [string, ComplaintEvent][], count: number): ComplaintDetailsDoc {
  let doc: ComplaintDetailsDoc | null = null;
  history.slice(0, count).forEach(([occurredAt, event], revision) => {
    const recorded = {
      ...event,
      streamId: 'complaint-cp-1',
      revision,
      position: revision + 1,
      metadata: { eventId: `e${revision}`, schemaVersion: 1, occurredAt, recordedAt: occurredAt, actor: { id: 'csm-zhao', role: 'customer_service_manager' }, dealerId: 'D1', correlationId: 'c', causationId: null },
    } as RecordedEvent;
    doc = evolveComplaintDetails(doc, recorded);
  });
  return doc!;
}
const deadline = (doc: ComplaintDetailsDoc, kind: string) => doc.deadlines.filter((d) => d.kind === kind);
const received = (): [string, ComplaintEvent] => ['2026-03-02T09:00:00.000Z', events.received()];

describe('complaint deadlines as stored facts', () => {
  it('asks for an interim answer within three days of intake (R-CP-2)', () => {
    expect(deadline(fold([received()]), 'interim_reply')).toEqual([{ kind: 'interim_reply', rule: 'R-CP-2', dueAt: '2026-03-05T09:00:00.000Z', metAt: null }]);
  });

  it('asks for escalation two days after intake while unsolved (R-CP-3)', () => {
    const doc = fold([received()]);
    expect(deadline(doc, 'escalation')).toEqual([{ kind: 'escalation', rule: 'R-CP-3', dueAt: '2026-03-04T09:00:00.000Z', metAt: null }]);
    expect(doc.escalationDueAt).toBe('2026-03-04T09:00:00.000Z');
  });

  it('counts from a back-dated intake, not from when it was filed (R-CP-2, R-CP-3)', () => {
    const doc = fold([['2026-02-20T09:00:00.000Z', events.received({ receivedAt: '2026-02-20T09:00:00.000Z' })]]);
    expect(doc.deadlines.map((d) => d.dueAt)).toEqual(['2026-02-23T09:00:00.000Z', '2026-02-22T09:00:00.000Z']);
  });

  it('holds the manager to the committed reply-by date (R-CP-1), met by the first interim reply (R-CP-1, R-CP-2)', () => {
    const doc = fold([received(), ['2026-03-02T10:00:00.000Z', events.acknowledged()], ['2026-03-03T10:00:00.000Z', events.interimReply()]]);
    expect(deadline(doc, 'reply_by')).toEqual([{ kind: 'reply_by', rule: 'R-CP-1', dueAt: '2026-03-04T09:00:00.000Z', metAt: '2026-03-03T10:00:00.000Z' }]);
    expect(deadline(doc, 'interim_reply')[0].metAt).toBe('2026-03-03T10:00:00.000Z');
    expect(deadline(doc, 'escalation')[0].metAt).toBeNull();
  });

  it('meets the escalation deadline when the complaint is escalated (R-CP-3)', () => {
    const doc = fold([received(), ['2026-03-03T10:00:00.000Z', events.escalated()]]);
    expect(deadline(doc, 'escalation')[0].metAt).toBe('2026-03-03T10:00:00.000Z');
    expect(doc.escalationDueAt).toBeNull();
  });

  it('asks for the follow-up call two days after resolution and meets it at closure (R-CP-6)', () => {
    const doc = fold([
      received(), ['2026-03-02T10:00:00.000Z', events.acknowledged()], ['2026-03-02T11:00:00.000Z', events.investigated()],
      ['2026-03-02T12:00:00.000Z', events.proposed()], ['2026-03-02T13:00:00.000Z', events.accepted()],
      ['2026-03-06T09:00:00.000Z', events.resolved()], ['2026-03-07T09:00:00.000Z', events.closed()],
    ]);
    expect(deadline(doc, 'follow_up')).toEqual([{ kind: 'follow_up', rule: 'R-CP-6', dueAt: '2026-03-08T09:00:00.000Z', metAt: '2026-03-07T09:00:00.000Z' }]);
    expect(doc.deadlines.every((d) => d.metAt !== null)).toBe(true);
  });

  it('counts the interim-reply and escalation deadlines again from a reopening (R-CP-6, R-CP-2, R-CP-3)', () => {
    const doc = fold([
      received(), ['2026-03-02T10:00:00.000Z', events.acknowledged()], ['2026-03-02T11:00:00.000Z', events.investigated()],
      ['2026-03-02T12:00:00.000Z', events.proposed()], ['2026-03-02T13:00:00.000Z', events.accepted()],
      ['2026-03-03T09:00:00.000Z', events.resolved()], ['2026-03-09T09:00:00.000Z', events.reopened('2026-03-09T09:00:00.000Z')],
    ]);
    expect(doc.deadlines.filter((d) => d.metAt === null).map((d) => [d.kind, d.dueAt])).toEqual([
      ['interim_reply', '2026-03-12T09:00:00.000Z'],
      ['escalation', '2026-03-11T09:00:00.000Z'],
    ]);
    expect(doc).toMatchObject({ status: 'investigating', reopenedAt: '2026-03-09T09:00:00.000Z', reopenCount: 1, resolvedAt: null });
  });
});

describe('status history (R-CP-6: a reopened complaint is investigating again)', () => {
  const worked = (): [string, ComplaintEvent][] => [
    received(), ['2026-03-02T10:00:00.000Z', events.acknowledged()], ['2026-03-02T11:00:00.000Z', events.investigated()],
    ['2026-03-02T12:00:00.000Z', events.proposed()], ['2026-03-02T13:00:00.000Z', events.accepted()],
    ['2026-03-03T09:00:00.000Z', events.resolved()], ['2026-03-04T09:00:00.000Z', events.closed()],
    ['2026-03-09T09:00:00.000Z', events.reopened('2026-03-09T09:00:00.000Z')],
  ];

  it('records every status entered and when, the reopening as investigating again, the step kept in the timeline', () => {
    const doc = fold(worked());
    expect(doc.statusHistory).toEqual([
      { status: 'received', at: '2026-03-02T09:00:00.000Z' },
      { status: 'acknowledged', at: '2026-03-02T10:00:00.000Z' },
      { status: 'investigating', at: '2026-03-02T11:00:00.000Z' },
      { status: 'solution_proposed', at: '2026-03-02T12:00:00.000Z' },
      { status: 'accepted', at: '2026-03-02T13:00:00.000Z' },
      { status: 'resolved', at: '2026-03-03T09:00:00.000Z' },
      { status: 'closed', at: '2026-03-04T09:00:00.000Z' },
      { status: 'investigating', at: '2026-03-09T09:00:00.000Z' },
    ]);
    expect(doc.timeline.map((t) => t.type).slice(-1)).toEqual(['ComplaintReopened']);
    expect(statusAt(doc.statusHistory, '2026-03-05T00:00:00.000Z')).toBe('closed');
    expect(statusAt(doc.statusHistory, '2026-03-02T08:59:59.999Z')).toBeNull();
  });

  it('adds no entry for a step that leaves the status as it was (a revised investigation)', () => {
    const doc = fold([received(), ['2026-03-02T10:00:00.000Z', events.acknowledged()], ['2026-03-02T11:00:00.000Z', events.investigated()], ['2026-03-02T12:00:00.000Z', events.investigated()], ['2026-03-02T13:00:00.000Z', events.interimReply()]]);
    expect(doc.statusHistory.map((s) => s.status)).toEqual(['received', 'acknowledged', 'investigating']);
  });

  it('turns the history into [from, until) periods, leaving out a status held at no instant', () => {
    expect(
      statusSpans([
        { status: 'received', at: '2026-03-02T09:00:00.000Z' },
        { status: 'acknowledged', at: '2026-03-02T10:00:00.000Z' },
        { status: 'investigating', at: '2026-03-02T11:00:00.000Z' },
        { status: 'solution_proposed', at: '2026-03-02T11:00:00.000Z' },
      ]),
    ).toEqual([
      { status: 'received', from: '2026-03-02T09:00:00.000Z', until: '2026-03-02T10:00:00.000Z' },
      { status: 'acknowledged', from: '2026-03-02T10:00:00.000Z', until: '2026-03-02T11:00:00.000Z' },
      { status: 'solution_proposed', from: '2026-03-02T11:00:00.000Z', until: OPEN_END },
    ]);
  });

  it('rebuilds the complaint as of an instant from its stored timeline, as folding the events up to then does', () => {
    const history = worked();
    const doc = fold(history);
    for (const asOf of ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-02T11:30:00.000Z', '2026-03-03T09:00:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-10T00:00:00.000Z']) {
      const prefix = history.filter(([at]) => at <= asOf);
      expect(complaintDetailsAsOf(doc, asOf)).toEqual(prefix.length ? foldWithRevisions(history, prefix.length) : null);
    }
    expect(complaintDetailsAsOf(doc, '2026-03-05T00:00:00.000Z')).toMatchObject({ status: 'closed', reopenCount: 0, reopenedAt: null });
  });
});

describe('overdue periods', () => {
  const d = (kind: ComplaintDeadline['kind'], dueAt: string, metAt: string | null): ComplaintDeadline => ({ kind, rule: '', dueAt, metAt });

  it('is not overdue at the due instant itself, only after it', () => {
    const due = d('escalation', '2026-03-04T09:00:00.000Z', null);
    expect(isOverdueAt(due, '2026-03-04T09:00:00.000Z')).toBe(false);
    expect(isOverdueAt(due, '2026-03-04T09:00:00.001Z')).toBe(true);
  });

  it('keeps a gap between two overdue periods', () => {
    expect(overdueSpans([d('escalation', '2026-03-04T00:00:00.000Z', '2026-03-04T12:00:00.000Z'), d('interim_reply', '2026-03-05T00:00:00.000Z', null)])).toEqual([
      { from: '2026-03-04T00:00:00.000Z', until: '2026-03-04T12:00:00.000Z' },
      { from: '2026-03-05T00:00:00.000Z', until: '9999-12-31T23:59:59.999Z' },
    ]);
  });

  it('merges overlapping periods and ignores deadlines met in time and those outside R-CP-1/2/3', () => {
    expect(
      overdueSpans([
        d('escalation', '2026-03-04T00:00:00.000Z', '2026-03-06T00:00:00.000Z'),
        d('interim_reply', '2026-03-05T00:00:00.000Z', '2026-03-07T00:00:00.000Z'),
        d('reply_by', '2026-03-08T00:00:00.000Z', '2026-03-07T00:00:00.000Z'),
        d('follow_up', '2026-03-01T00:00:00.000Z', null),
      ]),
    ).toEqual([{ from: '2026-03-04T00:00:00.000Z', until: '2026-03-07T00:00:00.000Z' }]);
  });
});
