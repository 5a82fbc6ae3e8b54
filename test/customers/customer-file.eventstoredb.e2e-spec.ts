/**
 * The customer-file scenario on the scale-out event store: the real app with
 * AFTERCARE_EVENT_STORE=eventstoredb, through @eventstore/db-client, against the
 * gRPC double of the EventStoreDB Streams service (or a real server when
 * EVENTSTORE_URL is set: docker compose -f docker/docker-compose.yml up eventstore).
 */
import { startEventStoreDbDouble, EventStoreDbDouble } from '../eventstoredb-double';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, scenarioOptions, VIN } from './customer-file.scenario';

describe('the customer file on EventStoreDB', () => {
  let double: EventStoreDbDouble | undefined;
  let app: E2eApp;

  beforeAll(async () => {
    let url = process.env.EVENTSTORE_URL;
    if (!url) {
      double = await startEventStoreDbDouble();
      url = double.url;
    }
    app = await startApp(scenarioOptions({ env: { AFTERCARE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url } }));
    await registerDealers(app);
  });

  afterAll(async () => {
    await app?.stop();
    await double?.stop();
  });

  it('creates a customer, a vehicle and a visit and reads them back over REST and GraphQL', async () => {
    const advisor = app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
    const { customerId } = await createCustomerFile(app);
    const rest = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisor).expect(200);
    expect(rest.body).toMatchObject({ id: customerId, vehicles: [{ vin: VIN }], visits: { count: 1, spend: 680 } });
    const gql = await app.http
      .post('/graphql')
      .set('Authorization', advisor)
      .send({ query: `{ customer(id: "${customerId}") { id visits { count } } }` })
      .expect(200);
    expect(gql.body.data.customer).toEqual({ id: customerId, visits: { count: 1 } });
  });

  it('stores the events in EventStoreDB streams named <category>-<id>', async () => {
    const events = await app.eventStore.readStream(`vehicle-${VIN}`);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['VehicleRegistered', 'VisitRecorded']));
  });

  it('refuses an odometer going backwards with 409 on this store too', async () => {
    const res = await app.http
      .post(`/api/v1/vehicles/${VIN}/visits`)
      .set('Authorization', app.token('service_advisor', { dealerId: 'D1' }))
      .send({ occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 10, type: 'minor_repair', amount: 50, advisorId: 'sa-li' })
      .expect(409);
    expect(res.body.code).toBe('VEHICLE.ODOMETER_BACKWARDS');
  });

  it('replays an Idempotency-Key retry without appending', async () => {
    const advisor = app.token('service_advisor', { dealerId: 'D1' });
    const send = () => app.http.post('/api/v1/customers').set('Authorization', advisor).set('Idempotency-Key', 'esdb-retry-1').send({ name: '吴十', phone: '13500000000' });
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect((await app.eventStore.readStream(`customer-${first.body.id}`)).length).toBe(1);
  });

  it('keeps everything across a restart', async () => {
    const admin = app.token('admin');
    const before = await app.http.get('/api/v1/customers').set('Authorization', admin).expect(200);
    app = await app.restart();
    const after = await app.http.get('/api/v1/customers').set('Authorization', admin).expect(200);
    expect(after.body.items.map((c: { id: string }) => c.id)).toEqual(before.body.items.map((c: { id: string }) => c.id));
  });
});
