import { actors, by, complaintSpec, events, histories } from '../testing/complaint-history.fixture';
import { AssignComplaint, decideAssignComplaint } from './assign-complaint.command';

const spec = complaintSpec(decideAssignComplaint);
const escalatedHistory = () => [...histories.acknowledged(), events.escalated()];
const assign = (over: Partial<AssignComplaint> = {}): AssignComplaint => ({
  ...by(actors.supervisor),
  assigneeId: 'tech-chen',
  deadline: '2026-03-06T18:00:00.000Z',
  ...over,
});

describe('assigning an escalated complaint (R-CP-3)', () => {
  it('lets the business supervisor name a responsible person and a deadline (R-CP-3)', () => {
    spec.given(escalatedHistory()).when(assign()).then([
      { type: 'ComplaintAssigned', data: { complaintId: 'cp-1', assigneeId: 'tech-chen', deadline: '2026-03-06T18:00:00.000Z', assignedBy: 'bs-qian' } },
    ]);
  });

  it('assigns only a complaint escalated to the supervisor (R-CP-3)', () => {
    spec.given(histories.acknowledged()).when(assign()).thenThrows('COMPLAINT.NOT_ESCALATED');
  });

  it('refuses a deadline that is not after the assignment (R-CP-3)', () => {
    spec.given(escalatedHistory()).when(assign({ deadline: '2026-03-02T09:30:00.000Z' })).thenThrows('COMPLAINT.DEADLINE_IN_PAST');
  });

  it('is the business supervisor’s step only (R-CP-3)', () => {
    spec.given(escalatedHistory()).when(assign(by(actors.manager))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it('does not assign a resolved complaint', () => {
    spec.given([...histories.resolved(), events.escalated()]).when(assign()).thenThrows('COMPLAINT.ALREADY_RESOLVED');
  });
});
