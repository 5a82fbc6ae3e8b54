import { actors, at, by, complaintSpec, events, histories, RECEIVED_AT } from '../testing/complaint-history.fixture';
import { AcknowledgeComplaint, decideAcknowledgeComplaint } from './acknowledge-complaint.command';

const spec = complaintSpec(decideAcknowledgeComplaint);
const acknowledge = (over: Partial<AcknowledgeComplaint> = {}): AcknowledgeComplaint => ({
  ...by(actors.manager),
  message: 'We are sorry for the wrong quote; we will call you back by Wednesday.',
  replyBy: '2026-03-04T09:00:00.000Z',
  ...over,
});

describe('acknowledging a complaint (R-CP-1)', () => {
  it('apologises and commits to a reply-by date (R-CP-1)', () => {
    spec.given(histories.received()).when(acknowledge()).then([
      {
        type: 'ComplaintAcknowledged',
        data: { complaintId: 'cp-1', message: 'We are sorry for the wrong quote; we will call you back by Wednesday.', replyBy: '2026-03-04T09:00:00.000Z' },
      },
    ]);
  });

  it('refuses a reply-by date that is not after the acknowledgement (R-CP-1)', () => {
    spec.given(histories.received()).when(acknowledge({ replyBy: '2026-03-02T10:00:00.000Z' })).thenThrows('COMPLAINT.REPLY_BY_IN_PAST');
  });

  it('acknowledges a complaint only once (R-CP-1)', () => {
    spec.given(histories.acknowledged()).when(acknowledge()).thenThrows('COMPLAINT.ALREADY_ACKNOWLEDGED');
    spec.given(histories.investigating()).when(acknowledge()).thenThrows('COMPLAINT.ALREADY_ACKNOWLEDGED');
  });

  it('lets front-line staff acknowledge but not the business supervisor', () => {
    for (const actor of [actors.advisor, actors.agent, actors.manager]) {
      spec.given(histories.received()).when(acknowledge(by(actor))).then((produced) => expect(produced).toHaveLength(1));
    }
    spec.given(histories.received()).when(acknowledge(by(actors.supervisor))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it("refuses another dealer's staff", () => {
    spec.given(histories.received()).when(acknowledge(by(actors.otherDealerManager))).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('refuses an acknowledgement dated before the complaint was taken', () => {
    spec
      .given([at(RECEIVED_AT, events.received())])
      .when(acknowledge(by(actors.manager, '2026-03-01T09:00:00.000Z', RECEIVED_AT)))
      .thenThrows('COMPLAINT.BEFORE_PREVIOUS_STEP');
  });

  it('refuses an unknown complaint', () => {
    spec.given([]).when(acknowledge()).thenThrows('COMPLAINT.NOT_FOUND');
  });

  it('refuses a closed complaint', () => {
    spec.given(histories.closed()).when(acknowledge()).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });
});
