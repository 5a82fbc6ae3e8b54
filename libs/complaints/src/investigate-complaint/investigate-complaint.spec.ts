import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideInvestigateComplaint, InvestigateComplaint } from './investigate-complaint.command';

const spec = complaintSpec(decideInvestigateComplaint);
const investigate = (over: Partial<InvestigateComplaint> = {}): InvestigateComplaint => ({
  ...by(actors.manager),
  rootCause: 'service_process',
  responsibleParty: 'dealer',
  findings: 'Incomplete first diagnosis, no final check, the wrong part was quoted.',
  ...over,
});

describe('recording the investigation (R-CP-5)', () => {
  it('ends the investigation with a root cause and a responsible party (R-CP-5)', () => {
    spec.given(histories.acknowledged()).when(investigate()).then([
      {
        type: 'ComplaintInvestigated',
        data: { complaintId: 'cp-1', rootCause: 'service_process', responsibleParty: 'dealer', findings: 'Incomplete first diagnosis, no final check, the wrong part was quoted.' },
      },
    ]);
  });

  it('accepts only the root causes and responsible parties of R-CP-5', () => {
    spec.given(histories.acknowledged()).when(investigate({ rootCause: 'bad_luck' as never })).thenThrows('COMPLAINT.INVALID_VALUE');
    spec.given(histories.acknowledged()).when(investigate({ responsibleParty: 'nobody' as never })).thenThrows('COMPLAINT.INVALID_VALUE');
  });

  it('comes after the acknowledgement (R-CP-1)', () => {
    spec.given(histories.received()).when(investigate()).thenThrows('COMPLAINT.NOT_ACKNOWLEDGED');
  });

  it('may be revised after a rejected solution or a reopening (R-CP-5, R-CP-6)', () => {
    for (const history of [histories.investigating(), histories.rejected(), histories.reopened()]) {
      spec.given(history).when(investigate({ rootCause: 'miscommunication' })).then((produced) => expect(produced).toHaveLength(1));
    }
  });

  it('is not revised while a solution awaits the customer or after acceptance', () => {
    spec.given(histories.solutionProposed()).when(investigate()).thenThrows('COMPLAINT.SOLUTION_PENDING');
    spec.given(histories.accepted()).when(investigate()).thenThrows('COMPLAINT.SOLUTION_ACCEPTED');
    spec.given(histories.resolved()).when(investigate()).thenThrows('COMPLAINT.ALREADY_RESOLVED');
  });

  it('is the customer service manager’s step, not a service advisor’s', () => {
    spec.given(histories.acknowledged()).when(investigate(by(actors.advisor))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
