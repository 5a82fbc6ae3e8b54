import type { RecordedEvent } from '@aftercare/kernel';
import { events } from '../../testing/member-history.fixture';
import type { MemberEvent } from '../../domain/member.events';
import { evolveMemberDetails } from './member-details.reducer';
import type { MemberDetailsDoc } from './member-details.document';

function recorded(list: MemberEvent[]): RecordedEvent[] {
  return list.map((e, revision) => ({
    ...e,
    data: e.data as unknown as Record<string, unknown>,
    streamId: 'member-mem-wang',
    revision,
    position: revision + 1,
    metadata: {
      eventId: `e${revision}`, schemaVersion: 1, occurredAt: `2026-03-${String(revision + 1).padStart(2, '0')}T09:00:00.000Z`,
      recordedAt: `2026-03-${String(revision + 1).padStart(2, '0')}T09:00:00.000Z`, actor: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' },
      dealerId: 'D1', correlationId: 'c', causationId: null,
    },
  }));
}

const fold = (list: RecordedEvent[]) => list.reduce<MemberDetailsDoc | null>(evolveMemberDetails, null);

describe('the member read model (API.md member shape)', () => {
  const history = recorded([
    events.enrolled(),
    events.earned('v-old', 300, '2024-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z', 300),
    events.earned('v-new', 500, '2026-03-02T09:00:00.000Z', '2028-03-02T09:00:00.000Z', 800),
    events.redeemed(400, [{ lotId: 'v-old', points: 300 }, { lotId: 'v-new', points: 100 }], 400),
    events.tierChanged('standard', 'silver'),
  ]);

  it('shows tier, points and every event in the history with its change of balance', () => {
    const doc = fold(history)!;
    expect(doc).toMatchObject({ id: 'mem-wang', customerId: 'cust-wang', cardNo: 'AC123456789012', tier: 'silver', points: 400, pointsEarned: 800, pointsRedeemed: 400, revision: 4 });
    expect(doc.history.map((h) => [h.type, h.points, h.balance])).toEqual([
      ['MemberEnrolled', null, 0],
      ['PointsEarned', 300, 300],
      ['PointsEarned', 500, 800],
      ['PointsRedeemed', -400, 400],
      ['MemberTierChanged', null, 400],
    ]);
    expect(doc.history[4].details).toMatchObject({ from: 'standard', to: 'silver', reason: 'R-MB-1: …' });
  });

  it('keeps the lots with points left and the next expiry for the worker', () => {
    const doc = fold(history)!;
    expect(doc.lots).toEqual([{ lotId: 'v-new', earnedAt: '2026-03-02T09:00:00.000Z', expiresAt: '2028-03-02T09:00:00.000Z', remaining: 400 }]);
    expect(doc.nextExpiryAt).toBe('2028-03-02T09:00:00.000Z');
  });

  it('skips an event it has already applied', () => {
    const doc = fold(history)!;
    expect(evolveMemberDetails(doc, history[2])).toBe(doc);
  });

  it('shows a cancelled membership with its reason and no points', () => {
    const doc = fold([...history, ...recorded([events.cancelled()]).map((e) => ({ ...e, revision: 5 }))])!;
    expect(doc).toMatchObject({ status: 'cancelled', points: 0, cancelReason: 'sold the car', nextExpiryAt: null });
  });
});
