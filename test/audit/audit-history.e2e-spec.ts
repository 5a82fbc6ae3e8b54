import * as path from 'path';
import Database from 'better-sqlite3';
import { FixedClock } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, NOW, registerDealers } from '../customers/customer-file.scenario';
import { ndjson, trailCaughtUp } from './audit-support';

describe('auditors read, rebuild and verify history', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;
  const auditor = () => app.token('auditor', { sub: 'aud-1' });
  const advisorD1 = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const advisorD2 = () => app.token('service_advisor', { dealerId: 'D2', sub: 'sa-zhou' });
  const BEFORE_CHANGE = '2026-03-10T09:30:00.000Z';
  const CHANGED_AT = '2026-03-10T10:00:00.000Z';

  beforeAll(async () => {
    clock = new FixedClock(NOW);
    app = await startApp({ clock });
    await registerDealers(app);
    ({ customerId } = await createCustomerFile(app));
    clock.set(CHANGED_AT);
    await app.http.post(`/api/v1/customers/${customerId}/contact-details`).set('Authorization', advisorD1()).send({ phone: '13911112222' }).expect(200);
    await app.caughtUp();
    await trailCaughtUp(app);
  });
  afterAll(async () => app?.stop());

  describe('a stream history', () => {
    it('shows every event of a customer stream with its whole envelope, revision and position', async () => {
      const res = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', auditor()).expect(200);
      expect(res.body.items.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'ContactDetailsChanged']);
      const [first, second] = res.body.items;
      expect(first).toMatchObject({ streamId: `customer-${customerId}`, revision: 0, position: expect.any(Number), data: expect.objectContaining({ name: '王建国' }) });
      expect(first.metadata).toMatchObject({
        eventId: expect.any(String),
        schemaVersion: expect.any(Number),
        occurredAt: NOW,
        recordedAt: NOW,
        actor: expect.objectContaining({ id: 'sa-li', role: 'service_advisor', dealerId: 'D1' }),
        dealerId: 'D1',
        correlationId: expect.any(String),
        causationId: null,
        prevHash: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(second.metadata.prevHash).toBe(first.metadata.hash);
      expect(second.position).toBeGreaterThan(first.position);
      expect(res.body.nextCursor).toBeNull();
    });

    it('pages a long history by revision', async () => {
      const page1 = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).query({ limit: 1 }).set('Authorization', auditor()).expect(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page1.body.nextCursor).toBe('1');
      const page2 = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).query({ from: 1, limit: 1 }).set('Authorization', auditor()).expect(200);
      expect(page2.body.items[0].revision).toBe(1);
      expect(page2.body.nextCursor).toBeNull();
    });

    it('lets a dealer read its own history but not another dealer’s, and never an integrator', async () => {
      const url = `/api/v1/audit/streams/customer-${customerId}/events`;
      await app.http.get(url).set('Authorization', advisorD1()).expect(200);
      const denied = await app.http.get(url).set('Authorization', advisorD2()).expect(403);
      expect(denied.body.code).toBe('AUTH.OUT_OF_SCOPE');
      await app.http.get(url).set('Authorization', app.token('oem_after_sales', { region: 'east' })).expect(200);
      await app.http.get(url).set('Authorization', app.token('oem_after_sales', { region: 'south' })).expect(403);
      await app.http.get(url).set('Authorization', app.token('integrator')).expect(403);
    });

    it('answers 404 for a stream that does not exist', async () => {
      const res = await app.http.get('/api/v1/audit/streams/customer-nobody/events').set('Authorization', auditor()).expect(404);
      expect(res.body.code).toBe('AUDIT.STREAM_NOT_FOUND');
    });
  });

  describe('the audit trail', () => {
    it('finds events by type, actor, dealer and time, in log order', async () => {
      const byType = await app.http.get('/api/v1/audit/events').query({ type: 'ContactDetailsChanged' }).set('Authorization', auditor()).expect(200);
      expect(byType.body.items).toHaveLength(1);
      expect(byType.body.items[0]).toMatchObject({ streamId: `customer-${customerId}`, revision: 1, metadata: expect.objectContaining({ recordedAt: CHANGED_AT }) });

      const byActor = await app.http.get('/api/v1/audit/events').query({ actorId: 'sa-li', dealerId: 'D1' }).set('Authorization', auditor()).expect(200);
      expect(byActor.body.items.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'VehicleRegistered', 'VisitRecorded', 'ContactDetailsChanged']);

      const early = await app.http.get('/api/v1/audit/events').query({ to: BEFORE_CHANGE, dealerId: 'D1' }).set('Authorization', auditor()).expect(200);
      expect(early.body.items.map((e: { type: string }) => e.type)).not.toContain('ContactDetailsChanged');
    });

    it('pages with a cursor without repeating or skipping an event', async () => {
      const seen: number[] = [];
      let cursor: string | null | undefined;
      do {
        const res = await app.http.get('/api/v1/audit/events').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set('Authorization', auditor()).expect(200);
        seen.push(...res.body.items.map((e: { position: number }) => e.position));
        cursor = res.body.nextCursor;
      } while (cursor);
      const all: number[] = [];
      for await (const event of app.eventStore.readAll()) all.push(event.position);
      expect(seen).toEqual(all);
    });

    it('shows a dealer only its own dealer’s events', async () => {
      const res = await app.http.get('/api/v1/audit/events').query({ limit: 500 }).set('Authorization', advisorD2()).expect(200);
      expect(res.body.items.map((e: { streamId: string }) => e.streamId)).toEqual(['dealer-D2']);
      await app.http.get('/api/v1/audit/events').query({ dealerId: 'D1' }).set('Authorization', advisorD2()).expect(403);
    });
  });

  describe('a record as of an instant', () => {
    it('rebuilds the customer as GET /customers/{id} showed it before the phone changed', async () => {
      const res = await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: BEFORE_CHANGE }).set('Authorization', auditor()).expect(200);
      // An auditor sees the phone masked, as in the live read (docs/personal-data.md).
      expect(res.body).toMatchObject({ id: customerId, dealerId: 'D1', phone: '138****8000', visits: { count: 1, spend: 680 }, vehicles: [expect.objectContaining({ plate: '沪A12345' })] });
    });

    it('gives, as of now, exactly what the live read gives', async () => {
      const live = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', auditor()).expect(200);
      const asOf = await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: CHANGED_AT }).set('Authorization', auditor()).expect(200);
      expect(asOf.body).toEqual(live.body);
      expect(asOf.body.phone).toBe('139****2222');
    });

    it('answers 404 for an instant before the record existed, and for a kind nobody registered', async () => {
      const early = await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: '2026-03-01T00:00:00Z' }).set('Authorization', auditor()).expect(404);
      expect(early.body.code).toBe('AUDIT.NOT_FOUND_AS_OF');
      const unknown = await app.http.get(`/api/v1/audit/spaceship/${customerId}/as-of`).query({ at: NOW }).set('Authorization', auditor()).expect(404);
      expect(unknown.body.code).toBe('AUDIT.UNKNOWN_KIND');
    });

    it('keeps another dealer out of the rebuilt record, and asks for the instant', async () => {
      await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: NOW }).set('Authorization', advisorD2()).expect(403);
      await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).set('Authorization', auditor()).expect(400);
    });

    it('refuses every write to an auditor', async () => {
      const res = await app.http.post('/api/v1/customers').set('Authorization', auditor()).send({ name: 'x', phone: '13900000009' }).expect(403);
      expect(res.body.code).toBe('AUTH.READ_ONLY_ROLE');
    });
  });

  describe('tamper evidence', () => {
    it('finds every chain intact, for one stream and for the whole log with progress', async () => {
      const one = await app.http.get('/api/v1/audit/verify').query({ streamId: `customer-${customerId}` }).set('Authorization', auditor()).expect(200);
      expect(one.body).toMatchObject({ ok: true, checked: 2, firstBroken: null });
      const all = await app.http.get('/api/v1/audit/verify').set('Authorization', auditor()).buffer(true).parse(textParser).expect(200);
      expect(all.headers['content-type']).toContain('application/x-ndjson');
      const lines = ndjson(all.body as string);
      expect(lines[lines.length - 1]).toMatchObject({ result: { ok: true, unsealed: 0, firstBroken: null } });
    });

    it('keeps a dealer from verifying the whole log', async () => {
      await app.http.get('/api/v1/audit/verify').set('Authorization', advisorD1()).expect(403);
    });

    it('reports the first broken link after a row of the events file was edited by hand', async () => {
      const history = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', auditor()).expect(200);
      const target = history.body.items[0];
      const db = new Database(path.join(app.dataDir, 'events.sqlite'));
      try {
        const tampered = { ...target.data, name: '王建军' };
        const changed = db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(tampered), target.position);
        expect(changed.changes).toBe(1);
      } finally {
        db.close();
      }
      const one = await app.http.get('/api/v1/audit/verify').query({ streamId: `customer-${customerId}` }).set('Authorization', auditor()).expect(200);
      expect(one.body.ok).toBe(false);
      expect(one.body.firstBroken).toEqual({
        streamId: `customer-${customerId}`,
        revision: 0,
        position: target.position,
        expected: expect.stringMatching(/^[0-9a-f]{64}$/),
        actual: target.metadata.hash,
        field: 'hash',
        reason: expect.any(String),
      });
      expect(one.body.firstBroken.expected).not.toBe(target.metadata.hash);
      const all = await app.http.get('/api/v1/audit/verify').set('Authorization', auditor()).buffer(true).parse(textParser).expect(200);
      const lines = ndjson(all.body as string);
      expect(lines[lines.length - 1]).toMatchObject({ result: { ok: false, firstBroken: { streamId: `customer-${customerId}`, position: target.position } } });
    });
  });
});

type Parser = Parameters<ReturnType<E2eApp['http']['get']>['parse']>[0];

/** Collects a streamed body (NDJSON) as text: supertest only buffers JSON and text types by itself. */
const textParser: Parser = (res, done) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
};
