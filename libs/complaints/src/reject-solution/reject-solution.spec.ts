import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideRejectSolution, RejectSolution } from './reject-solution.command';

const spec = complaintSpec(decideRejectSolution);
const reject = (over: Partial<RejectSolution> = {}): RejectSolution => ({ ...by(actors.advisor), solutionNo: 1, reason: 'the discount is too small', ...over });

describe("recording the customer's rejection", () => {
  it('records the refusal and its reason', () => {
    spec.given(histories.solutionProposed()).when(reject()).then([
      { type: 'SolutionRejected', data: { complaintId: 'cp-1', solutionNo: 1, reason: 'the discount is too small' } },
    ]);
  });

  it('refuses an unknown solution number', () => {
    spec.given(histories.solutionProposed()).when(reject({ solutionNo: 2 })).thenThrows('COMPLAINT.NO_SUCH_SOLUTION');
  });

  it('does not reject a solution already answered', () => {
    spec.given(histories.accepted()).when(reject()).thenThrows('COMPLAINT.SOLUTION_NOT_PENDING');
  });

  it("is refused to another dealer's staff", () => {
    spec.given(histories.solutionProposed()).when(reject(by(actors.otherDealerManager))).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
