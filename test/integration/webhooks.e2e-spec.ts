import { createHmac } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { FixedClock } from '@aftercare/kernel';
import { integrationContextWith } from '@aftercare/integration';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { startApp, E2eApp } from '../support/e2e-app';
import { NOW, registerDealers } from '../customers/customer-file.scenario';

interface Received {
  body: string;
  signature: string;
  delivery: string;
  type: string;
  status: number;
}

/** A local receiver on 127.0.0.1; `answer(deliveryId, attempt)` picks the status code. */
async function receiver(answer: (delivery: string, attempt: number) => number) {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const delivery = String(req.headers['x-aftercare-delivery']);
      const attempt = (attempts.get(delivery) ?? 0) + 1;
      attempts.set(delivery, attempt);
      const status = answer(delivery, attempt);
      received.push({ body, signature: String(req.headers['x-aftercare-signature']), delivery, type: String(req.headers['x-aftercare-event-type']), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const SECRET = 'integration-shared-secret-0001';

describe('integrators get signed webhooks', () => {
  let app: E2eApp;
  const integrator = () => app.token('integrator', { sub: 'crm-1' });
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-1' });
  const contexts = CONTEXTS.map((c) => (c.name === 'integration' ? integrationContextWith({ webhooks: { retryDelaysMs: [50, 100, 200], pollMs: 20 } }) : c));

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock(NOW), contexts });
    await registerDealers(app);
  });
  afterAll(async () => app?.stop());

  async function registerCustomers(count: number, from: number): Promise<void> {
    for (let i = from; i < from + count; i++) {
      await app.http.post('/api/v1/customers').set('Authorization', advisor()).send({ name: `客户${i}`, phone: `139${String(i).padStart(8, '0')}` }).expect(201);
    }
  }

  it('lets an integrator manage its subscriptions, and no other write', async () => {
    const created = await app.http.post('/api/v1/webhooks').set('Authorization', integrator()).send({ url: 'http://127.0.0.1:9/x', types: ['CustomerRegistered'], secret: SECRET }).expect(201);
    expect(created.headers.location).toBe(`/api/v1/webhooks/${created.body.id}`);
    expect(created.body).not.toHaveProperty('secret');
    const list = await app.http.get('/api/v1/webhooks').set('Authorization', integrator()).expect(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
    await app.http.get(`/api/v1/webhooks/${created.body.id}`).set('Authorization', app.token('integrator', { sub: 'other' })).expect(404);
    await app.http.get(`/api/v1/webhooks/${created.body.id}`).set('Authorization', app.token('admin')).expect(200);
    await app.http.delete(`/api/v1/webhooks/${created.body.id}`).set('Authorization', integrator()).expect(204);
    await app.http.get(`/api/v1/webhooks/${created.body.id}`).set('Authorization', integrator()).expect(404);

    const unknown = await app.http.post('/api/v1/webhooks').set('Authorization', integrator()).send({ url: 'http://127.0.0.1:9/x', types: ['DealerRegistered'], secret: SECRET }).expect(400);
    expect(unknown.body.code).toBe('EVENTS.UNKNOWN_TYPE');
    const auditor = await app.http.post('/api/v1/webhooks').set('Authorization', app.token('auditor')).send({ url: 'http://127.0.0.1:9/x', types: ['CustomerRegistered'], secret: SECRET }).expect(403);
    expect(auditor.body.code).toBe('AUTH.READ_ONLY_ROLE');
    await app.http.post('/api/v1/webhooks').set('Authorization', advisor()).send({ url: 'http://127.0.0.1:9/x', types: ['CustomerRegistered'], secret: SECRET }).expect(403);
    const otherWrite = await app.http.post('/api/v1/customers').set('Authorization', integrator()).send({ name: 'x', phone: '13900000000' }).expect(403);
    expect(otherWrite.body.code).toBe('AUTH.READ_ONLY_ROLE');
  });

  it('delivers each event once, signed, through a receiver that fails twice first', async () => {
    const hook = await receiver((_delivery, attempt) => (attempt <= 2 ? 503 : 200));
    try {
      const created = await app.http.post('/api/v1/webhooks').set('Authorization', integrator()).send({ url: hook.url, types: ['CustomerRegistered'], secret: SECRET }).expect(201);
      await registerCustomers(3, 100);
      const accepted = await until(async () => {
        const ok = hook.received.filter((r) => r.status === 200);
        return ok.length >= 3 && ok;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hook.received.filter((r) => r.status === 200)).toHaveLength(3);
      expect(hook.received).toHaveLength(9);
      const positions = accepted.map((r) => JSON.parse(r.body).position);
      expect(new Set(positions).size).toBe(3);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const r of accepted) {
        expect(r.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
        expect(r.type).toBe('CustomerRegistered');
        expect(JSON.parse(r.body)).toMatchObject({ type: 'CustomerRegistered', data: { customerId: expect.any(String), dealerId: 'D1' } });
        expect(JSON.parse(r.body).data).not.toHaveProperty('phone');
      }
      const deliveries = await app.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set('Authorization', integrator()).expect(200);
      expect(deliveries.body.items).toHaveLength(3);
      for (const d of deliveries.body.items) expect(d).toMatchObject({ status: 'delivered', attempts: 3, eventType: 'CustomerRegistered' });
      await app.http.delete(`/api/v1/webhooks/${created.body.id}`).set('Authorization', integrator()).expect(204);
    } finally {
      await hook.close();
    }
  });

  it('parks a delivery after the last retry, shows it, and replays it from a position', async () => {
    let healthy = false;
    const hook = await receiver(() => (healthy ? 200 : 500));
    try {
      const created = await app.http.post('/api/v1/webhooks').set('Authorization', integrator()).send({ url: hook.url, types: ['CustomerRegistered'], secret: SECRET }).expect(201);
      const id = created.body.id as string;
      await registerCustomers(1, 200);
      const parked = await until(async () => {
        const res = await app.http.get(`/api/v1/webhooks/${id}/deliveries`).query({ status: 'parked' }).set('Authorization', integrator()).expect(200);
        return res.body.items.length === 1 && res.body.items[0];
      });
      expect(parked).toMatchObject({ status: 'parked', attempts: 4, lastStatus: 500, lastError: 'HTTP 500' });
      expect(hook.received.filter((r) => r.delivery === parked.id)).toHaveLength(4);

      healthy = true;
      await app.http.post(`/api/v1/webhooks/${id}/replay`).set('Authorization', integrator()).send({ from: parked.position }).expect(200);
      const redelivered = await until(async () => hook.received.find((r) => r.status === 200));
      expect(JSON.parse(redelivered.body).position).toBe(parked.position);
      const delivered = await until(async () => {
        const res = await app.http.get(`/api/v1/webhooks/${id}/deliveries`).query({ status: 'delivered' }).set('Authorization', integrator()).expect(200);
        return res.body.items.length === 1 && res.body.items[0];
      });
      expect(delivered).toMatchObject({ position: parked.position, attempts: 1, generation: 1 });
    } finally {
      await hook.close();
    }
  });
});
