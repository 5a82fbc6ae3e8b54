import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideCloseComplaint } from './close-complaint.command';

const spec = complaintSpec(decideCloseComplaint);

describe('closing a complaint', () => {
  it('closes a resolved complaint', () => {
    spec.given(histories.resolved()).when(by(actors.manager)).then([{ type: 'ComplaintClosed', data: { complaintId: 'cp-1' } }]);
  });

  it('closes only a resolved complaint', () => {
    for (const history of [histories.received(), histories.investigating(), histories.accepted(), histories.reopened()]) {
      spec.given(history).when(by(actors.manager)).thenThrows('COMPLAINT.NOT_RESOLVED');
    }
  });

  it('closes once', () => {
    spec.given(histories.closed()).when(by(actors.manager)).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });

  it('is the customer service manager’s step', () => {
    spec.given(histories.resolved()).when(by(actors.agent)).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
