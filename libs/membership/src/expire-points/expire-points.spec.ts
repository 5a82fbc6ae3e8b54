import { events, memberSpec, MEMBER_ID } from '../testing/member-history.fixture';
import { decideExpirePoints } from './expire-points.command';
import type { PointsExpired } from '../domain/member.events';

const spec = memberSpec(decideExpirePoints);
const history = () => [
  events.enrolled(),
  events.earned('v-a', 300, '2024-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z', 300),
  events.earned('v-b', 200, '2024-08-01T09:00:00.000Z', '2026-08-01T09:00:00.000Z', 500),
  events.earned('v-c', 500, '2026-03-09T09:00:00.000Z', '2028-03-09T09:00:00.000Z', 1000),
];

describe('points expiry', () => {
  it('expires nothing before a lot reaches its expiry', () => {
    spec.given(history()).when({ memberId: MEMBER_ID, at: '2026-05-31T23:59:59.999Z' }).then([]);
  });

  it('expires every lot past its expiry at once, with what was left of each', () => {
    spec.given(history()).when({ memberId: MEMBER_ID, at: '2026-09-01T00:00:00.000Z' }).then((out) => {
      expect((out[0] as PointsExpired).data).toMatchObject({
        points: 500,
        balance: 500,
        lots: [{ lotId: 'v-a', points: 300, expiresAt: '2026-06-01T09:00:00.000Z' }, { lotId: 'v-b', points: 200 }],
      });
    });
  });

  it('expires only what a redemption left of a lot', () => {
    spec.given([...history(), events.redeemed(250, [{ lotId: 'v-a', points: 250 }], 750)]).when({ memberId: MEMBER_ID, at: '2026-06-02T00:00:00.000Z' }).then((out) => {
      expect((out[0] as PointsExpired).data).toMatchObject({ points: 50, balance: 700, lots: [{ lotId: 'v-a', points: 50 }] });
    });
  });

  it('expires a lot once: a second look finds nothing', () => {
    const first = spec.given(history());
    let expired: PointsExpired | undefined;
    first.when({ memberId: MEMBER_ID, at: '2026-06-02T00:00:00.000Z' }).then((out) => (expired = out[0] as PointsExpired));
    spec.given([...history(), expired!]).when({ memberId: MEMBER_ID, at: '2026-06-03T00:00:00.000Z' }).then([]);
  });

  it('expires nothing of a cancelled membership (its points were forfeited)', () => {
    spec.given([...history(), events.cancelled()]).when({ memberId: MEMBER_ID, at: '2027-01-01T00:00:00.000Z' }).then([]);
  });
});
