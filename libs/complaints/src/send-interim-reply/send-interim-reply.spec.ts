import { actors, by, complaintSpec, histories } from '../testing/complaint-history.fixture';
import { decideSendInterimReply, SendInterimReply } from './send-interim-reply.command';

const spec = complaintSpec(decideSendInterimReply);
const reply = (over: Partial<SendInterimReply> = {}): SendInterimReply => ({
  ...by(actors.agent),
  message: 'The genuine blower is ordered; we will explain the price on Thursday.',
  ...over,
});

describe('sending an interim reply (R-CP-2)', () => {
  it('tells the customer what is known so far while the complaint is not solved (R-CP-2)', () => {
    spec.given(histories.acknowledged()).when(reply()).then([
      { type: 'InterimReplySent', data: { complaintId: 'cp-1', message: 'The genuine blower is ordered; we will explain the price on Thursday.' } },
    ]);
  });

  it('may be sent again at any open step (R-CP-2)', () => {
    for (const history of [histories.investigating(), histories.solutionProposed(), histories.rejected(), histories.accepted(), histories.reopened()]) {
      spec.given(history).when(reply()).then((produced) => expect(produced).toHaveLength(1));
    }
  });

  it('comes after the acknowledgement (R-CP-1)', () => {
    spec.given(histories.received()).when(reply()).thenThrows('COMPLAINT.NOT_ACKNOWLEDGED');
  });

  it('is not sent on a resolved or closed complaint', () => {
    spec.given(histories.resolved()).when(reply()).thenThrows('COMPLAINT.ALREADY_RESOLVED');
    spec.given(histories.closed()).when(reply()).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });

  it('is not sent by the business supervisor', () => {
    spec.given(histories.acknowledged()).when(reply(by(actors.supervisor))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
