import { FixedClock } from '@aftercare/kernel';
import { E2eApp, startApp } from '../support/e2e-app';

/**
 * Issue #7, segmentation: loyal by regular services, churned 6 months after the
 * last one (R-SG-2, as of a date), VIP by purchases, and every change published
 * as CustomerSegmentChanged (R-SG-1).
 */
const clock = new FixedClock('2026-03-10T09:00:00.000Z');
let app: E2eApp;
let advisor: string;
let admin: string;
let loyalId: string;
let vipId: string;
let otherDealerId: string;

async function customer(token: string, name: string): Promise<string> {
  const res = await app.http.post('/api/v1/customers').set('Authorization', token).send({ name, phone: '13800138000' }).expect(201);
  return res.body.id;
}

async function vehicle(token: string, customerId: string, vin: string, deliveredAt: string, price?: number): Promise<void> {
  await app.http
    .post(`/api/v1/customers/${customerId}/vehicles`)
    .set('Authorization', token)
    .send({ vin, plate: `沪A${vin.slice(-5)}`, model: 'Lavida', purchaseDate: deliveredAt, deliveredAt, warrantyMonths: 24, warrantyKm: 40000, ...(price ? { price } : {}) })
    .expect(201);
}

async function visit(token: string, vin: string, occurredAt: string, odometerKm: number): Promise<void> {
  await app.http
    .post(`/api/v1/vehicles/${vin}/visits`)
    .set('Authorization', token)
    .send({ occurredAt, odometerKm, type: 'periodic_maintenance', amount: 680, advisorId: 'sa-li' })
    .expect(201);
}

const members = async (segment: string, asOf: string, token = advisor) =>
  (await app.http.get(`/api/v1/segments/${segment}/customers`).query({ asOf }).set('Authorization', token).expect(200)).body;
const ids = (page: { items: Array<{ customerId: string }> }) => page.items.map((i) => i.customerId);

beforeAll(async () => {
  app = await startApp({ clock });
  admin = app.token('admin');
  for (const [dealerId, region] of [['D1', 'east'], ['D2', 'east']]) {
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId, name: `Dealer ${dealerId}`, region }).expect(201);
  }
  advisor = app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  loyalId = await customer(advisor, '王建国');
  await vehicle(advisor, loyalId, 'LSVAU2180N2183294', '2023-12-01');
  // A service every 5 months; the last on 2025-09-15.
  const visits = ['2024-01-15', '2024-06-15', '2024-11-15', '2025-04-15', '2025-09-15'];
  for (const [i, day] of visits.entries()) await visit(advisor, 'LSVAU2180N2183294', `${day}T10:00:00.000Z`, 5000 * (i + 1));
  vipId = await customer(advisor, '李娜');
  await vehicle(advisor, vipId, 'LSVAU2180N2183295', '2025-10-01', 260_000);
  await vehicle(advisor, vipId, 'LSVAU2180N2183296', '2026-02-01', 310_000);
  const other = app.token('service_advisor', { dealerId: 'D2', sub: 'sa-zhao' });
  otherDealerId = await customer(other, '赵六');
  await vehicle(other, otherDealerId, 'LSVAU2180N2183297', '2025-01-01', 200_000);
  await vehicle(other, otherDealerId, 'LSVAU2180N2183298', '2025-06-01', 200_000);
  await app.caughtUp();
});
afterAll(() => app?.stop());

describe('customer segments (R-SG-1, R-SG-2)', () => {
  it('lists a customer serviced every 5 months as loyal, with the reasons and since when', async () => {
    const page = await members('loyal', '2026-03-10T09:00:00.000Z');
    expect(ids(page)).toEqual([loyalId]);
    expect(page.items[0]).toMatchObject({ name: '王建国', since: '2024-06-15T10:00:00.000Z' });
    expect(page.items[0].reasons).toEqual(expect.arrayContaining([expect.stringMatching(/services on time/)]));
  });

  it('lists the same customer, 7 months without a visit, as churned as of that date and still loyal as of a date before (R-SG-2)', async () => {
    const sevenMonthsLater = '2026-04-15T10:00:00.000Z';
    expect(ids(await members('churned', sevenMonthsLater))).toEqual([loyalId]);
    expect(ids(await members('loyal', sevenMonthsLater))).toEqual([]);
    const churned = (await members('churned', sevenMonthsLater)).items[0];
    expect(churned.since).toBe('2026-03-15T10:00:00.000Z');
    expect(churned.reasons).toEqual(['no service or repair for 6+ months (last 2025-09-15)']);
    expect(ids(await members('loyal', '2026-03-01T00:00:00.000Z'))).toEqual([loyalId]);
    expect(ids(await members('churned', '2026-03-01T00:00:00.000Z'))).toEqual([]);
  });

  it('lists a customer who bought two vehicles as VIP, from the second purchase on', async () => {
    expect(ids(await members('vip', '2026-03-10T09:00:00.000Z'))).toEqual([vipId]);
    expect(ids(await members('vip', '2026-01-10T00:00:00.000Z'))).toEqual([]);
  });

  it('shows a dealer only its own customers; admin sees every dealer', async () => {
    expect(ids(await members('vip', '2026-03-10T09:00:00.000Z', admin)).sort()).toEqual([vipId, otherDealerId].sort());
  });

  it('pages with a cursor', async () => {
    const first = await app.http.get('/api/v1/segments/vip/customers').query({ limit: 1 }).set('Authorization', admin).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await app.http.get('/api/v1/segments/vip/customers').query({ limit: 1, cursor: first.body.nextCursor }).set('Authorization', admin).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].customerId, second.body.items[0].customerId].sort()).toEqual([vipId, otherDealerId].sort());
  });

  it('answers an unknown segment with 400 and the field', async () => {
    const res = await app.http.get('/api/v1/segments/gold/customers').set('Authorization', advisor).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'segment' })]);
  });

  it('answers the same page through GraphQL', async () => {
    const res = await app.http
      .post('/graphql')
      .set('Authorization', advisor)
      .send({ query: '{ segment(name: "churned", asOf: "2026-04-15T10:00:00Z", first: 10) { items { customerId name reasons since } nextCursor } }' })
      .expect(200);
    expect(res.body.data.segment.items.map((i: { customerId: string }) => i.customerId)).toEqual([loyalId]);
  });

  it('publishes each change as CustomerSegmentChanged, once, and the customer file shows it (R-SG-1)', async () => {
    const first = await app.http.post('/api/v1/segments/evaluations').set('Authorization', admin).send({}).expect(200);
    expect(first.body).toMatchObject({ evaluated: 3, changed: 3 });
    await app.caughtUp();
    let profile = await app.http.get(`/api/v1/customers/${loyalId}`).set('Authorization', advisor).expect(200);
    expect(profile.body.segment).toMatchObject({ name: 'loyal', since: '2024-06-15T10:00:00.000Z' });

    clock.set('2026-04-20T09:00:00.000Z');
    const second = await app.http.post('/api/v1/segments/evaluations').set('Authorization', admin).send({}).expect(200);
    expect(second.body).toMatchObject({ evaluated: 3, changed: 1 });
    const again = await app.http.post('/api/v1/segments/evaluations').set('Authorization', admin).send({}).expect(200);
    expect(again.body.changed).toBe(0);
    await app.caughtUp();

    const events = await app.eventStore.readStream(`segment-${loyalId}`);
    expect(events.map((e) => e.type)).toEqual(['CustomerSegmentChanged', 'CustomerSegmentChanged']);
    expect(events[1].data).toMatchObject({
      customerId: loyalId, dealerId: 'D1', from: 'loyal', to: 'churned', segments: ['churned'], entered: ['churned'], left: ['loyal'],
      since: '2026-03-15T10:00:00.000Z', ruleSetVersion: 1, advisorId: 'sa-li',
    });
    expect(events[1].metadata.occurredAt).toBe('2026-03-15T10:00:00.000Z');
    expect(events[1].data.signals).toMatchObject({ monthsWithoutService: 6, lastServiceAt: '2025-09-15T10:00:00.000Z' });

    profile = await app.http.get(`/api/v1/customers/${loyalId}`).set('Authorization', advisor).expect(200);
    expect(profile.body.segment).toMatchObject({ name: 'churned', since: '2026-03-15T10:00:00.000Z' });
    expect(profile.body.tier).toBeNull();
    const before = await app.http.get(`/api/v1/customers/${loyalId}`).query({ asOf: '2026-03-01T00:00:00Z' }).set('Authorization', advisor).expect(200);
    expect(before.body.segment).toMatchObject({ name: 'loyal' });
    const listed = await app.http.get('/api/v1/customers').query({ segment: 'churned' }).set('Authorization', advisor).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([loyalId]);
    const gql = await app.http.post('/graphql').set('Authorization', advisor).send({ query: `{ customer(id: "${loyalId}") { segment { name reasons since } tier } }` }).expect(200);
    expect(gql.body.data.customer).toMatchObject({ segment: { name: 'churned', since: '2026-03-15T10:00:00.000Z' }, tier: null });
  });

  it("shows one customer's segment with the signals, live and through the auditor's as-of", async () => {
    const live = await app.http.get(`/api/v1/customers/${loyalId}/segment`).query({ asOf: '2026-03-01T00:00:00Z' }).set('Authorization', advisor).expect(200);
    expect(live.body).toMatchObject({ name: 'loyal', segments: ['loyal'], since: '2024-06-15T10:00:00.000Z', signals: { services: 2, onTimeServices: 2 } });
    const auditor = app.token('auditor', { sub: 'aud-1' });
    const asOf = await app.http.get(`/api/v1/audit/segment/${loyalId}/as-of`).query({ at: '2026-03-10T09:00:00.000Z' }).set('Authorization', auditor).expect(200);
    expect(asOf.body).toMatchObject({ customerId: loyalId, name: 'loyal', since: '2024-06-15T10:00:00.000Z' });
  });

  it('lets only admin run an evaluation on demand', async () => {
    await app.http.post('/api/v1/segments/evaluations').set('Authorization', advisor).send({}).expect(403);
  });
});
