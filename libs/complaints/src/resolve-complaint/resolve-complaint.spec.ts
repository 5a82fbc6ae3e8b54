import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideResolveComplaint, ResolveComplaint } from './resolve-complaint.command';

const spec = complaintSpec(decideResolveComplaint);
const resolve = (over: Partial<ResolveComplaint> = {}): ResolveComplaint => ({
  ...by(actors.manager, '2026-03-05T16:00:00.000Z'),
  summary: 'Blower replaced at a discount; internal notice and training on quoting.',
  ...over,
});

describe('resolving a complaint', () => {
  it('resolves a complaint whose solution the customer accepted and asks for a follow-up call within 2 days (R-CP-6)', () => {
    spec.given(histories.accepted()).when(resolve()).then([
      {
        type: 'ComplaintResolved',
        data: { complaintId: 'cp-1', summary: 'Blower replaced at a discount; internal notice and training on quoting.', followUpDueAt: '2026-03-07T16:00:00.000Z' },
      },
    ]);
  });

  it('needs an accepted solution', () => {
    for (const history of [histories.received(), histories.acknowledged(), histories.investigating(), histories.solutionProposed(), histories.rejected(), histories.reopened()]) {
      spec.given(history).when(resolve()).thenThrows('COMPLAINT.NOT_ACCEPTED');
    }
  });

  it('resolves once', () => {
    spec.given(histories.resolved()).when(resolve()).thenThrows('COMPLAINT.ALREADY_RESOLVED');
    spec.given(histories.closed()).when(resolve()).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });

  it('is the customer service manager’s step', () => {
    spec.given(histories.accepted()).when(resolve(by(actors.agent))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
