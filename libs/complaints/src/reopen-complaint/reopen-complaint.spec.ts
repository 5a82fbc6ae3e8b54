import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideReopenComplaint, ReopenComplaint } from './reopen-complaint.command';

const spec = complaintSpec(decideReopenComplaint);
const reopen = (over: Partial<ReopenComplaint> = {}): ReopenComplaint => ({
  ...by(actors.agent, '2026-03-09T09:00:00.000Z'),
  reason: 'at the follow-up call the customer says the noise is back',
  ...over,
});

describe('reopening a complaint (R-CP-6)', () => {
  it('reopens a closed complaint whose customer is still dissatisfied (R-CP-6)', () => {
    spec.given(histories.closed()).when(reopen()).then([
      { type: 'ComplaintReopened', data: { complaintId: 'cp-1', reason: 'at the follow-up call the customer says the noise is back', reopenedAt: '2026-03-09T09:00:00.000Z' } },
    ]);
  });

  it('reopens a resolved complaint before it is closed (R-CP-6)', () => {
    spec.given(histories.resolved()).when(reopen()).then((produced) => expect(produced).toHaveLength(1));
  });

  it('reopens only a resolved or closed complaint (R-CP-6)', () => {
    for (const history of [histories.received(), histories.investigating(), histories.accepted(), histories.reopened()]) {
      spec.given(history).when(reopen()).thenThrows('COMPLAINT.NOT_REOPENABLE');
    }
  });

  it('lets the callback agent who made the follow-up call or the manager reopen it, not a service advisor (R-CP-6)', () => {
    spec.given(histories.closed()).when(reopen(by(actors.manager, '2026-03-09T09:00:00.000Z'))).then((produced) => expect(produced).toHaveLength(1));
    spec.given(histories.closed()).when(reopen(by(actors.advisor, '2026-03-09T09:00:00.000Z'))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
