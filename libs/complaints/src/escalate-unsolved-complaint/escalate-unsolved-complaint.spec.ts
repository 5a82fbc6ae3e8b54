import { actors, by, complaintSpec, events, histories, RECEIVED_AT } from '../testing/complaint-history.fixture';
import { decideEscalateUnsolvedComplaint } from './escalate-unsolved-complaint.command';

const spec = complaintSpec(decideEscalateUnsolvedComplaint);
const TWO_DAYS_LATER = '2026-03-04T09:00:00.000Z';
const tick = (now: string) => by(actors.system, now, now);

describe('escalating a complaint left unsolved for two days (R-CP-3)', () => {
  it('escalates a complaint still open two days after it was taken (R-CP-3)', () => {
    spec.given(histories.acknowledged()).when(tick(TWO_DAYS_LATER)).then([
      { type: 'ComplaintEscalated', data: { complaintId: 'cp-1', reason: 'R-CP-3', escalatedTo: 'business_supervisor', rule: 'R-CP-3' } },
    ]);
  });

  it('does nothing before the two days have passed (R-CP-3)', () => {
    spec.given(histories.acknowledged()).when(tick('2026-03-04T08:59:59.999Z')).then([]);
  });

  it('does nothing for a complaint already escalated, by hand or by another worker (R-CP-3)', () => {
    spec.given([...histories.acknowledged(), events.escalated()]).when(tick(TWO_DAYS_LATER)).then([]);
  });

  it('does nothing for a complaint resolved or closed in time (R-CP-3)', () => {
    spec.given(histories.resolved()).when(tick(TWO_DAYS_LATER)).then([]);
    spec.given(histories.closed()).when(tick(TWO_DAYS_LATER)).then([]);
  });

  it('counts the two days again from a reopening (R-CP-3, R-CP-6)', () => {
    const reopened = [...histories.closed(), events.reopened('2026-03-09T09:00:00.000Z')];
    spec.given(reopened).when(tick('2026-03-10T09:00:00.000Z')).then([]);
    spec.given(reopened).when(tick('2026-03-11T09:00:00.000Z')).then((produced) => expect(produced).toHaveLength(1));
  });

  it('escalates a back-dated complaint at once when its two days are already over (R-CP-3)', () => {
    spec.given([events.received({ receivedAt: '2026-02-20T09:00:00.000Z' })]).when(tick(RECEIVED_AT)).then((produced) => expect(produced).toHaveLength(1));
  });

  it('is a step only the system takes', () => {
    spec.given(histories.acknowledged()).when(by(actors.manager, TWO_DAYS_LATER)).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
