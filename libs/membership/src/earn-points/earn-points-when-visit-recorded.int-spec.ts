import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, uuidv7, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { CommandRunner } from '@aftercare/platform';
import { memberIdFor, memberStream } from '../domain/member.stream';
import { onMember } from '../member-stream.decision';
import { decideEnrolMember } from '../enrol-member/enrol-member.command';
import { earnPointsWhenVisitRecorded } from './earn-points-when-visit-recorded.reaction';
import { reviewTierWhenSegmentChanged } from '../review-tier/review-tier-when-segment-changed.reaction';

/** The reactions on the real embedded event store: at-least-once delivery appends nothing twice. */
describe('points and tier reactions (at-least-once delivery)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  const clock = new FixedClock('2026-03-10T09:00:00.000Z');
  const customerId = 'cust-wang';
  const memberId = memberIdFor(customerId);

  const envelope = (type: string, data: Record<string, unknown>): NewEvent => ({
    type,
    data,
    metadata: {
      eventId: uuidv7(), schemaVersion: 1, occurredAt: clock.now().toISOString(), recordedAt: clock.now().toISOString(),
      actor: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' }, dealerId: 'D1', correlationId: uuidv7(), causationId: null,
    },
  });
  const recordVisit = async (visitId: string, amount: number, customerPaid = true): Promise<RecordedEvent> => {
    const data = { visitId, vin: 'LSVAU2180N2183294', customerId, dealerId: 'D1', occurredAt: clock.now().toISOString(), recordedAt: clock.now().toISOString(), odometerKm: 1, type: 'minor_repair', amount, customerPaid, advisorId: 'sa-li', lateFile: false };
    await store.append('vehicle-LSVAU2180N2183294', [envelope('VisitRecorded', data)], { expectedRevision: 'any' });
    return (await store.readStream('vehicle-LSVAU2180N2183294')).at(-1)!;
  };
  const enrol = () =>
    runner.run(
      { actor: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' }, correlationId: uuidv7(), causationId: null, idempotencyKey: null, expectedRevision: null },
      onMember({ memberId, at: clock.now().toISOString() }, (state) =>
        decideEnrolMember({ memberId, customerId, by: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' }, at: clock.now().toISOString(), customerDealerId: 'D1', paidVisits: [], loyaltySegment: 'regular' }, state),
      { mustExist: false, dealerId: 'D1' }),
    );
  const memberEvents = async () => (await store.readStream(memberStream(memberId))).map((e) => e.type);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-membership-'));
    store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    runner = new CommandRunner(store, clock);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('earns nothing for a customer who is not a member', async () => {
    const reaction = earnPointsWhenVisitRecorded({ eventStore: store, runner });
    await reaction.handlers.VisitRecorded(await recordVisit('v-0', 500));
    expect(await memberEvents()).toEqual([]);
  });

  it('earns once for a visit delivered twice, and moves the tier once (R-MB-1)', async () => {
    await enrol();
    clock.advance(60_000);
    const reaction = earnPointsWhenVisitRecorded({ eventStore: store, runner });
    const visit = await recordVisit('v-1', 3_500);
    await reaction.handlers.VisitRecorded(visit);
    await reaction.handlers.VisitRecorded(visit);
    await Promise.all([reaction.handlers.VisitRecorded(visit), reaction.handlers.VisitRecorded(visit)]);
    expect(await memberEvents()).toEqual(['MemberEnrolled', 'PointsEarned', 'MemberTierChanged']);
    const [, earned, changed] = await store.readStream(memberStream(memberId));
    expect(earned.metadata.causationId).toBe(visit.metadata.eventId);
    expect(changed.data).toMatchObject({ from: 'standard', to: 'silver', trigger: 'visit' });
  });

  it('reviews the tier once for a segment change delivered twice (R-MB-1)', async () => {
    await enrol();
    clock.advance(60_000);
    await earnPointsWhenVisitRecorded({ eventStore: store, runner }).handlers.VisitRecorded(await recordVisit('v-1', 12_000));
    await store.append(`segment-${customerId}`, [envelope('CustomerSegmentChanged', { customerId, dealerId: 'D1', from: null, to: 'vip', segments: ['vip'], entered: ['vip'], left: [], since: clock.now().toISOString(), reasons: [], signals: {}, ruleSetVersion: 1, advisorId: null })], { expectedRevision: 'any' });
    const [segmentChange] = await store.readStream(`segment-${customerId}`);
    const reaction = reviewTierWhenSegmentChanged({ runner });
    await reaction.handlers.CustomerSegmentChanged(segmentChange);
    await reaction.handlers.CustomerSegmentChanged(segmentChange);
    const changes = (await store.readStream(memberStream(memberId))).filter((e) => e.type === 'MemberTierChanged').map((e) => [e.data.from, e.data.to, e.data.trigger]);
    expect(changes).toEqual([['standard', 'silver', 'visit'], ['silver', 'gold', 'segment']]);
  });
});
