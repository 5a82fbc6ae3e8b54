import { FixedClock } from '@aftercare/kernel';
import { PUBLIC_EVENT_TYPES } from '@aftercare/integration';
import { startApp, E2eApp } from '../support/e2e-app';
import { NOW, registerDealers } from '../customers/customer-file.scenario';
import { SseClient } from './sse-client';

describe('integrators follow the public event stream', () => {
  let app: E2eApp;
  const integrator = () => app.token('integrator');
  const advisor = (dealerId: string) => app.token('service_advisor', { dealerId, sub: `sa-${dealerId}` });

  async function registerCustomers(dealerId: string, count: number, from = 0): Promise<void> {
    for (let i = from; i < from + count; i++) {
      await app.http.post('/api/v1/customers').set('Authorization', advisor(dealerId)).send({ name: `客户${i}`, phone: `139${String(i).padStart(8, '0')}` }).expect(201);
    }
  }

  /** What the stream must send: the public events of the log, in order. */
  async function publicPositions(filter: (dealerId: string | null) => boolean = () => true): Promise<number[]> {
    const positions: number[] = [];
    for await (const e of app.eventStore.readAll({ filter: { types: [...PUBLIC_EVENT_TYPES] } })) if (filter(e.metadata.dealerId)) positions.push(e.position);
    return positions;
  }

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock(NOW) });
    await registerDealers(app);
    await registerCustomers('D1', 3);
  });
  afterAll(async () => app?.stop());

  it('publishes the catalogue of public event types with versions and data schemas', async () => {
    const res = await app.http.get('/api/v1/events/catalogue').set('Authorization', integrator()).expect(200);
    const registered = res.body.items.find((e: { type: string }) => e.type === 'CustomerRegistered');
    expect(registered).toMatchObject({ version: 1, schema: { type: 'object', properties: { customerId: { type: 'string' } } } });
    expect(res.body.items.map((e: { type: string }) => e.type)).not.toContain('DealerRegistered');
  });

  it('resumes after a disconnect from Last-Event-ID without missing or repeating an event', async () => {
    const first = await SseClient.open(app.baseUrl, '/api/v1/events/stream', { authorization: integrator() });
    expect(first.status).toBe(200);
    await first.waitFor(3);
    first.close();
    const lastSeen = first.events[first.events.length - 1].id;

    await registerCustomers('D2', 2, 100); // appended while the integrator was away
    const second = await SseClient.open(app.baseUrl, '/api/v1/events/stream', { authorization: integrator(), 'last-event-id': lastSeen });
    await registerCustomers('D1', 2, 200); // appended live
    const expected = await publicPositions();
    await second.waitFor(expected.length - first.events.length);
    second.close();

    const received = [...first.events, ...second.events].map((e) => e.data.position);
    expect(received).toEqual(expected);
    expect(second.events.every((e) => e.id === String(e.data.position))).toBe(true);
    expect(second.comments).toBeGreaterThan(0); // the stream opens with a comment line, as heartbeats are
  });

  it('sends only public events, their data cut to the published schema', async () => {
    const client = await SseClient.open(app.baseUrl, '/api/v1/events/stream?from=0', { authorization: integrator() });
    await client.waitFor(1);
    client.close();
    expect(client.events.map((e) => e.event)).not.toContain('DealerRegistered');
    expect(client.events[0].data).toMatchObject({ type: 'CustomerRegistered', version: 1, data: { customerId: expect.any(String), dealerId: 'D1' } });
    expect(client.events[0].data.data).not.toHaveProperty('phone');
  });

  it('filters by type and dealer, and keeps a dealer to its own events', async () => {
    const byDealer = await SseClient.open(app.baseUrl, '/api/v1/events/stream?types=CustomerRegistered&dealerId=D2', { authorization: integrator() });
    await byDealer.waitFor(2);
    const mine = await SseClient.open(app.baseUrl, '/api/v1/events/stream', { authorization: advisor('D2') });
    await mine.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    byDealer.close();
    mine.close();
    expect(byDealer.events.map((e) => e.data.metadata)).toEqual([expect.objectContaining({ dealerId: 'D2' }), expect.objectContaining({ dealerId: 'D2' })]);
    expect(mine.events.map((e) => e.data.position)).toEqual(await publicPositions((d) => d === 'D2'));
    const denied = await SseClient.open(app.baseUrl, '/api/v1/events/stream?dealerId=D1', { authorization: advisor('D2') });
    expect(denied.status).toBe(403);
    denied.close();
  });

  it('refuses types outside the public catalogue', async () => {
    const res = await app.http.get('/api/v1/events/stream?types=DealerRegistered').set('Authorization', integrator()).expect(400);
    expect(res.body.code).toBe('EVENTS.UNKNOWN_TYPE');
  });
});
