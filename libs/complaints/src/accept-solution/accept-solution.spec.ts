import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { AcceptSolution, decideAcceptSolution } from './accept-solution.command';

const spec = complaintSpec(decideAcceptSolution);
const accept = (over: Partial<AcceptSolution> = {}): AcceptSolution => ({ ...by(actors.agent), solutionNo: 1, ...over });

describe("recording the customer's acceptance", () => {
  it('records that the customer accepted the proposed solution', () => {
    spec.given(histories.solutionProposed()).when(accept()).then([{ type: 'SolutionAccepted', data: { complaintId: 'cp-1', solutionNo: 1 } }]);
  });

  it('refuses a solution number that was never proposed', () => {
    spec.given(histories.solutionProposed()).when(accept({ solutionNo: 7 })).thenThrows('COMPLAINT.NO_SUCH_SOLUTION');
  });

  it('answers a solution once', () => {
    spec.given(histories.accepted()).when(accept()).thenThrows('COMPLAINT.SOLUTION_NOT_PENDING');
    spec.given(histories.rejected()).when(accept()).thenThrows('COMPLAINT.SOLUTION_NOT_PENDING');
  });

  it('lets the manager, advisors and callback agents record it, not the business supervisor', () => {
    for (const actor of [actors.manager, actors.advisor, actors.agent]) {
      spec.given(histories.solutionProposed()).when(accept(by(actor))).then((produced) => expect(produced).toHaveLength(1));
    }
    spec.given(histories.solutionProposed()).when(accept(by(actors.supervisor))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it('refuses a closed complaint', () => {
    spec.given(histories.closed()).when(accept()).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });
});
