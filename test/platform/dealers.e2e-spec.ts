import { FixedClock } from '@aftercare/kernel';
import { E2eApp, startApp } from '../support/e2e-app';

describe('dealers registry (API.md "Dealers")', () => {
  let app: E2eApp;
  const clock = new FixedClock('2026-01-05T09:00:00.000Z');
  beforeAll(async () => {
    app = await startApp({ clock });
  });
  afterAll(() => app?.stop());

  const admin = () => app.token('admin');

  it('registers a dealer: 201 with its id and revision, a Location and an ETag', async () => {
    const res = await app.http
      .post('/api/v1/dealers')
      .set('Authorization', admin())
      .send({ dealerId: 'D1', name: 'Shanghai Pudong 4S', region: 'east' })
      .expect(201);
    expect(res.body).toEqual({ id: 'D1', revision: 0 });
    expect(res.headers.location).toBe('/api/v1/dealers/D1');
    expect(res.headers.etag).toBe('"0"');

    const read = await app.http.get('/api/v1/dealers/D1').set('Authorization', admin()).expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toEqual({ id: 'D1', dealerId: 'D1', name: 'Shanghai Pudong 4S', region: 'east', registeredAt: '2026-01-05T09:00:00.000Z', revision: 0 });
  });

  it('records the admin who registered it in the event metadata', async () => {
    const [event] = await app.eventStore.readStream('dealer-D1');
    expect(event.type).toBe('DealerRegistered');
    expect(event.metadata.actor).toMatchObject({ id: 'admin-1', role: 'admin' });
    expect(event.metadata.dealerId).toBe('D1');
    expect(event.metadata.recordedAt).toBe('2026-01-05T09:00:00.000Z');
  });

  it('refuses a dealer id already registered with 409 and the rule code', async () => {
    const res = await app.http.post('/api/v1/dealers').set('Authorization', admin()).send({ dealerId: 'D1', name: 'Again', region: 'west' }).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'DEALER.ALREADY_REGISTERED', title: 'Conflict' });
  });

  it('answers 400 naming a missing field and an unknown one', async () => {
    const res = await app.http.post('/api/v1/dealers').set('Authorization', admin()).send({ dealerId: 'D7', region: 'east', colour: 'red' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('REQUEST.INVALID');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'colour']));
  });

  it('answers 400 for malformed JSON and 404 for an unknown dealer', async () => {
    const bad = await app.http.post('/api/v1/dealers').set('Authorization', admin()).set('Content-Type', 'application/json').send('{"dealerId":').expect(400);
    expect(bad.body).toMatchObject({ code: 'REQUEST.MALFORMED', errors: [] });
    const missing = await app.http.get('/api/v1/dealers/NOPE').set('Authorization', admin()).expect(404);
    expect(missing.body.code).toBe('DEALER.NOT_FOUND');
  });

  it('answers 400 naming If-Match when it is not a quoted revision', async () => {
    const res = await app.http.post('/api/v1/dealers').set('Authorization', admin()).set('If-Match', 'seven').send({ dealerId: 'D9', name: 'Nine', region: 'east' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
  });

  it('replays an Idempotency-Key retry with the first answer and appends nothing', async () => {
    const send = () =>
      app.http
        .post('/api/v1/dealers')
        .set('Authorization', admin())
        .set('Idempotency-Key', 'register-d2')
        .send({ dealerId: 'D2', name: 'Beijing Chaoyang 4S', region: 'north' });
    const first = await send().expect(201);
    // Reactions may append on their own after a command; let them finish before and after.
    await app.caughtUp();
    const head = await app.eventStore.headPosition();
    const retry = await send().expect(201);
    await app.caughtUp();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await app.eventStore.headPosition()).toBe(head);
  });

  it('refuses the same Idempotency-Key with a different body with 422', async () => {
    const res = await app.http
      .post('/api/v1/dealers')
      .set('Authorization', admin())
      .set('Idempotency-Key', 'register-d2')
      .send({ dealerId: 'D3', name: 'Someone else', region: 'north' })
      .expect(422);
    expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('pages the list with limit and cursor, and refuses a limit out of range', async () => {
    await app.caughtUp();
    const first = await app.http.get('/api/v1/dealers?limit=1').set('Authorization', admin()).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await app.http.get(`/api/v1/dealers?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`).set('Authorization', admin()).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    for (const limit of ['0', '501', 'ten']) {
      const res = await app.http.get(`/api/v1/dealers?limit=${limit}`).set('Authorization', admin()).expect(400);
      expect(res.body.errors[0].field).toBe('limit');
    }
    const badCursor = await app.http.get('/api/v1/dealers?cursor=garbage').set('Authorization', admin()).expect(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('keeps dealers and idempotency records across a restart on the same data dir', async () => {
    app = await app.restart();
    await app.http.get('/api/v1/dealers/D1').set('Authorization', admin()).expect(200);
    const retry = await app.http
      .post('/api/v1/dealers')
      .set('Authorization', admin())
      .set('Idempotency-Key', 'register-d2')
      .send({ dealerId: 'D2', name: 'Beijing Chaoyang 4S', region: 'north' })
      .expect(201);
    expect(retry.body).toEqual({ id: 'D2', revision: 0 });
    await app.caughtUp();
    const list = await app.http.get('/api/v1/dealers').set('Authorization', admin()).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['D1', 'D2']);
  });
});
