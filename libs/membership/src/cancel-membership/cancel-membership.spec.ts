import type { Actor } from '@aftercare/kernel';
import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideCancelMembership } from './cancel-membership.command';
import type { MembershipCancelled } from '../domain/member.events';

const spec = memberSpec(decideCancelMembership);
const cancel = (actor: Actor = actors.manager) => ({ ...by(actor), reason: 'sold the car' });

describe('cancelling a membership', () => {
  it('cancels with the reason and forfeits the points left', () => {
    spec.given([events.enrolled(), events.earned('v-1', 680, '2026-03-09T10:00:00.000Z', '2028-03-09T10:00:00.000Z', 680)]).when(cancel()).then((out) => {
      expect((out[0] as MembershipCancelled).data).toMatchObject({ reason: 'sold the car', pointsForfeited: 680, customerId: 'cust-wang', dealerId: 'D1' });
    });
  });

  it('refuses to cancel twice, an unknown member, or another dealer', () => {
    spec.given([events.enrolled(), events.cancelled()]).when(cancel()).thenThrows('MEMBER.CANCELLED');
    spec.given([events.enrolled()]).when(cancel(actors.otherDealerAdvisor)).thenThrows('AUTH.OUT_OF_SCOPE');
    spec.given([events.enrolled()]).when(cancel(actors.auditor)).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
