import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideProposeSolution, ProposeSolution } from './propose-solution.command';
import type { SolutionProposed } from '../domain/complaint.events';

const spec = complaintSpec(decideProposeSolution);
const propose = (over: Partial<ProposeSolution> = {}): ProposeSolution => ({
  ...by(actors.manager),
  description: 'Manager apologises, shows the real price list, explains the cause and discounts the repair.',
  compensationAmount: 400,
  ...over,
});
const solutionNo = (produced: unknown[]) => (produced[0] as SolutionProposed).data.solutionNo;

describe('proposing a solution', () => {
  it('proposes solution 1 once the root cause is known (R-CP-5)', () => {
    spec.given(histories.investigating()).when(propose()).then([
      {
        type: 'SolutionProposed',
        data: { complaintId: 'cp-1', solutionNo: 1, description: 'Manager apologises, shows the real price list, explains the cause and discounts the repair.', compensationAmount: 400 },
      },
    ]);
  });

  it('needs the investigation and its root cause first (R-CP-5)', () => {
    spec.given(histories.acknowledged()).when(propose()).thenThrows('COMPLAINT.NOT_INVESTIGATED');
    spec.given(histories.received()).when(propose()).thenThrows('COMPLAINT.NOT_ACKNOWLEDGED');
  });

  it('numbers a new solution after a rejection', () => {
    spec.given(histories.rejected()).when(propose()).then((produced) => expect(solutionNo(produced)).toBe(2));
  });

  it('proposes again on a reopened complaint without a new investigation (R-CP-6)', () => {
    spec.given(histories.reopened()).when(propose()).then((produced) => expect(solutionNo(produced)).toBe(2));
  });

  it('keeps one solution waiting for the customer at a time', () => {
    spec.given(histories.solutionProposed()).when(propose()).thenThrows('COMPLAINT.SOLUTION_PENDING');
    spec.given(histories.accepted()).when(propose()).thenThrows('COMPLAINT.SOLUTION_ACCEPTED');
  });

  it('records a solution without compensation', () => {
    spec.given(histories.investigating()).when(propose({ compensationAmount: null })).then((produced) => {
      expect((produced[0] as SolutionProposed).data.compensationAmount).toBeNull();
    });
  });

  it('refuses a negative compensation', () => {
    spec.given(histories.investigating()).when(propose({ compensationAmount: -1 })).thenThrows('COMPLAINT.INVALID_AMOUNT');
  });

  it('is the customer service manager’s step', () => {
    spec.given(histories.investigating()).when(propose(by(actors.agent))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
