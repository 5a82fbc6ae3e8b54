/**
 * The owners' club over HTTP (issue #7): enrolment, points and tier moving with
 * visits (R-MB-1), over-redemption refused (R-MB-2, 409), benefits used up,
 * activities, interests, cancellation, GraphQL, the audit as-of read and points
 * expiry by the worker. Segmentation is left out of the contexts so the test
 * decides the loyalty segment itself (a CustomerSegmentChanged appended as that
 * context publishes it).
 */
import { FixedClock, MS_PER_DAY, uuidv7 } from '@aftercare/kernel';
import { CommandRunner } from '@aftercare/platform';
import { ReadModels } from '@aftercare/projections';
import { PointsExpiryWorker } from '@aftercare/membership';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { E2eApp, startApp } from '../support/e2e-app';
import { eventsWithCorrelation, newCorrelationId } from '../support/event-assertions';
import { createCustomerFile, registerDealers, VIN } from '../customers/customer-file.scenario';

describe("the owners' club (R-MB-1, R-MB-2)", () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;
  let memberId: string;
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const otherDealer = () => app.token('service_advisor', { dealerId: 'D2', sub: 'sa-other' });
  const admin = () => app.token('admin');
  const post = (path: string, token: string, body: object = {}) => app.http.post(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token: string) => app.http.get(`/api/v1${path}`).set('Authorization', token);
  const settle = async () => {
    await app.caughtUp();
    await app.caughtUp();
  };
  let odometerKm = 8000;
  const visit = (type: string, amount: number, occurredAt = clock.now().toISOString(), vin = VIN) =>
    post(`/vehicles/${vin}/visits`, advisor(), { occurredAt, odometerKm: (odometerKm += 100), type, amount, advisorId: 'sa-li' }).expect(201);
  const member = async () => (await get(`/members/${memberId}`, advisor()).expect(200)).body;

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' }, contexts: CONTEXTS.filter((c) => c.name !== 'segmentation') });
    await registerDealers(app);
    ({ customerId } = await createCustomerFile(app)); // a paid visit of 680 on 2026-03-09, before enrolment
    await settle();
  });
  afterAll(async () => app?.stop());

  it('enrols a customer with a card; the visit before enrolment counts for spend but earns nothing', async () => {
    const res = await post('/members', advisor(), { customerId }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), cardNo: expect.stringMatching(/^AC\d{12}$/), revision: 0 });
    expect(res.headers.location).toBe(`/api/v1/members/${res.body.id}`);
    expect(res.headers.etag).toBe('"0"');
    memberId = res.body.id;
    await settle();
    const m = await member();
    expect(m).toMatchObject({ id: memberId, customerId, dealerId: 'D1', cardNo: res.body.cardNo, tier: 'standard', points: 0, spend12Months: 680, status: 'active' });
    expect(m.history.map((h: { type: string }) => h.type)).toEqual(['MemberEnrolled']);
  });

  it('refuses a second enrolment (409), an unknown customer (422) and a customer of another dealer (403)', async () => {
    expect((await post('/members', advisor(), { customerId }).expect(409)).body.code).toBe('MEMBER.ALREADY_ENROLLED');
    expect((await post('/members', advisor(), { customerId: 'nobody' }).expect(422)).body.code).toBe('MEMBER.UNKNOWN_CUSTOMER');
    expect((await post('/members', otherDealer(), { customerId }).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    const bad = await post('/members', advisor(), { customerId, extra: 1 }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'extra' })]));
  });

  it('earns points from a paid visit and moves the tier with the 12-month spend, with the reason (R-MB-1)', async () => {
    clock.advance(MS_PER_DAY);
    await visit('minor_repair', 2500);
    await settle();
    const m = await member();
    expect(m.points).toBe(2500);
    expect(m.tier).toBe('silver');
    expect(m.spend12Months).toBe(3180);
    const change = m.history.find((h: { type: string }) => h.type === 'MemberTierChanged');
    expect(change).toMatchObject({ actorId: 'system', details: { from: 'standard', to: 'silver', trigger: 'visit' } });
    expect(change.details.reason).toMatch(/spend 3,180/);
    const events = await app.eventStore.readStream(`member-${memberId}`);
    expect(events.map((e) => e.type)).toEqual(['MemberEnrolled', 'PointsEarned', 'MemberTierChanged']);
  });

  it('earns nothing for warranty, free or insurance-paid work', async () => {
    clock.advance(MS_PER_DAY);
    await visit('warranty', 1200);
    await visit('first_service', 0);
    await visit('accident_repair', 8000);
    await settle();
    const m = await member();
    expect(m.points).toBe(2500);
    expect(m.spend12Months).toBe(3180);
  });

  it('earns at the new tier rate once the tier has moved', async () => {
    clock.advance(MS_PER_DAY);
    await visit('periodic_maintenance', 1000);
    await settle();
    expect((await member()).points).toBe(2500 + 1200);
  });

  it('redeems points and refuses a redemption over the balance with 409, writing nothing (R-MB-2)', async () => {
    const ok = await post(`/members/${memberId}/redemptions`, advisor(), { points: 3000, reward: 'car care kit' }).expect(200);
    expect(ok.body).toMatchObject({ id: memberId, points: 700 });
    const correlationId = newCorrelationId();
    const refused = await app.http
      .post(`/api/v1/members/${memberId}/redemptions`)
      .set('Authorization', advisor())
      .set('X-Correlation-Id', correlationId)
      .send({ points: 701, reward: 'umbrella' })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'MEMBER.INSUFFICIENT_POINTS' });
    expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    expect((await post(`/members/${memberId}/redemptions`, advisor(), { points: -1, reward: 'x' }).expect(400)).body.code).toBe('REQUEST.INVALID');
    await settle();
    expect((await member()).points).toBe(700);
  });

  it('grants the yearly free wheel alignment once, then refuses it (409)', async () => {
    await post(`/members/${memberId}/benefit-uses`, advisor(), { benefit: 'wheel_alignment' }).expect(200);
    const again = await post(`/members/${memberId}/benefit-uses`, advisor(), { benefit: 'wheel_alignment' }).expect(409);
    expect(again.body.code).toBe('MEMBER.BENEFIT_USED_UP');
    expect((await post(`/members/${memberId}/benefit-uses`, advisor(), { benefit: 'spa_day' }).expect(400)).body.code).toBe('REQUEST.INVALID');
  });

  it('records activities and interests', async () => {
    await post(`/members/${memberId}/activities`, advisor(), { activityId: 'self-drive-moganshan', occurredAt: '2026-03-11T08:00:00.000Z' }).expect(200);
    await post(`/members/${memberId}/interests`, advisor(), { interests: ['self_drive', 'DIY_class'] }).expect(200);
    await settle();
    const m = await member();
    expect(m.activities).toEqual([{ activityId: 'self-drive-moganshan', occurredAt: '2026-03-11T08:00:00.000Z' }]);
    expect(m.interests).toEqual(['self_drive', 'diy_class']);
    expect(m.benefitsUsed).toEqual([{ year: 2026, benefit: 'wheel_alignment', used: 1, allowance: 1 }]);
  });

  it('moves the tier when the loyalty segment changes (R-MB-1), and lets an admin review it', async () => {
    clock.advance(MS_PER_DAY);
    await visit('major_repair', 17_000);
    await settle();
    expect((await member()).tier).toBe('gold'); // 21,180 of spend, segment regular: gold
    const now = clock.now().toISOString();
    await app.eventStore.append(
      `segment-${customerId}`,
      [
        {
          type: 'CustomerSegmentChanged',
          data: {
            customerId, dealerId: 'D1', from: null, to: 'loyal', segments: ['loyal'], entered: ['loyal'], left: [], since: now,
            reasons: ['every service at this dealer'], signals: {}, ruleSetVersion: 1, advisorId: 'sa-li',
          },
          metadata: {
            eventId: uuidv7(), schemaVersion: 1, occurredAt: now, recordedAt: now, actor: { id: 'system', role: 'system', dealerId: 'D1' },
            dealerId: 'D1', correlationId: uuidv7(), causationId: null,
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    await settle();
    const m = await member();
    expect(m.tier).toBe('platinum');
    expect(m.history.at(-1)).toMatchObject({ type: 'MemberTierChanged', details: { from: 'gold', to: 'platinum', trigger: 'segment' } });
    const review = await post(`/members/${memberId}/tier-review`, admin()).expect(200);
    expect(review.body).toMatchObject({ tier: 'platinum', changed: false });
    expect((await post(`/members/${memberId}/tier-review`, advisor()).expect(403)).body.code).toMatch(/^AUTH\./);
  });

  it('reads the member by customer, over GraphQL, and refuses another dealer', async () => {
    const list = await get(`/members?customerId=${customerId}`, advisor()).expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: memberId, tier: 'platinum' })], nextCursor: null });
    expect((await get(`/members?customerId=${customerId}`, otherDealer()).expect(200)).body.items).toEqual([]);
    expect((await get(`/members/${memberId}`, otherDealer()).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect((await get('/members/nope', advisor()).expect(404)).body.code).toBe('MEMBER.NOT_FOUND');
    const gql = await app.http
      .post('/graphql')
      .set('Authorization', advisor())
      .send({ query: `{ member(id: "${memberId}") { id cardNo tier points history { type points balance } } members(customerId: "${customerId}") { items { id } } }` })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.member).toMatchObject({ id: memberId, tier: 'platinum' });
    expect(gql.body.data.members.items).toEqual([{ id: memberId }]);
  });

  it('shows the member as it was at a past instant to the auditor', async () => {
    const auditor = app.token('auditor');
    const asOf = await get(`/audit/member/${memberId}/as-of?at=2026-03-10T09:00:01.000Z`, auditor).expect(200);
    expect(asOf.body).toMatchObject({ id: memberId, tier: 'standard', points: 0 });
  });

  it('expires points after the configured months, once however many workers look', async () => {
    const before = await member();
    clock.advance(25 * 30 * MS_PER_DAY);
    const workers = [1, 2].map(() => new PointsExpiryWorker(app.app.get(ReadModels), app.app.get(CommandRunner), clock));
    await Promise.all(workers.map((w) => w.tick()));
    await settle();
    const m = await member();
    expect(m.points).toBe(0);
    expect(m.pointsExpired).toBe(before.points);
    const expired = (await app.eventStore.readStream(`member-${memberId}`)).filter((e) => e.type === 'PointsExpired');
    expect(expired).toHaveLength(1);
    expect(await workers[0].tick()).toEqual({ due: 0, expired: 0 });
  });

  it('cancels with a reason; a cancelled membership refuses redemptions (409) and may enrol again', async () => {
    expect((await app.http.delete(`/api/v1/members/${memberId}`).set('Authorization', advisor()).send({}).expect(400)).body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    );
    await app.http.delete(`/api/v1/members/${memberId}`).set('Authorization', app.token('auditor')).send({ reason: 'x' }).expect(403);
    await app.http.delete(`/api/v1/members/${memberId}`).set('Authorization', advisor()).send({ reason: 'sold the car' }).expect(200);
    const refused = await post(`/members/${memberId}/redemptions`, advisor(), { points: 1, reward: 'x' }).expect(409);
    expect(refused.body.code).toBe('MEMBER.CANCELLED');
    await settle();
    expect(await member()).toMatchObject({ status: 'cancelled', cancelReason: 'sold the car' });
    const again = await post('/members', advisor(), { customerId }).expect(201);
    expect(again.body.id).toBe(memberId);
  });
});
