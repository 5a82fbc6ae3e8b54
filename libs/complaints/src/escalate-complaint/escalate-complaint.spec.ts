import { actors, by, complaintSpec, events, histories } from '../testing/complaint-history.fixture';
import { decideEscalateComplaint, EscalateComplaint } from './escalate-complaint.command';

const spec = complaintSpec(decideEscalateComplaint);
const escalate = (over: Partial<EscalateComplaint> = {}): EscalateComplaint => ({ ...by(actors.manager), reason: 'customer threatens to go to the press', ...over });

describe('escalating a complaint by hand (R-CP-3)', () => {
  it('reports the complaint to the business supervisor with the reason (R-CP-3)', () => {
    spec.given(histories.received()).when(escalate()).then([
      { type: 'ComplaintEscalated', data: { complaintId: 'cp-1', reason: 'customer threatens to go to the press', escalatedTo: 'business_supervisor', rule: null } },
    ]);
  });

  it('escalates a complaint once (R-CP-3)', () => {
    spec.given([...histories.acknowledged(), events.escalated()]).when(escalate()).thenThrows('COMPLAINT.ALREADY_ESCALATED');
  });

  it('does not escalate a resolved or closed complaint', () => {
    spec.given(histories.resolved()).when(escalate()).thenThrows('COMPLAINT.ALREADY_RESOLVED');
    spec.given(histories.closed()).when(escalate()).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });

  it('is the customer service manager’s call, not a service advisor’s', () => {
    spec.given(histories.received()).when(escalate(by(actors.advisor))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
