import { E2eApp, startApp } from '../support/e2e-app';

describe('operations endpoints', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it('answers /health without a token', async () => {
    await app.http.get('/health').expect(200, { status: 'ok' });
  });

  it('is ready once every projection has caught up with the log', async () => {
    await app.caughtUp();
    const res = await app.http.get('/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', lagging: [] });
    expect(res.body.projections).toBeGreaterThan(0);
  });

  it('exposes request latency, append latency and projection lag to Prometheus', async () => {
    await app.http
      .post('/api/v1/dealers')
      .set('Authorization', app.token('admin'))
      .send({ dealerId: 'OPS1', name: 'Metrics Motors', region: 'north' })
      .expect(201);
    const res = await app.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/dealers"[^}]*method="POST"[^}]*status="201"/);
    expect(res.text).toMatch(/event_store_append_duration_seconds_count\{[^}]*\} [1-9]/);
    expect(res.text).toMatch(/projection_lag_events\{[^}]*projection="dealers"/);
  });

  it('documents the API in OpenAPI, dealers included, at /docs-json and Swagger UI at /docs', async () => {
    const res = await app.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/dealers', '/api/v1/dealers/{dealerId}']));
    expect(res.body.components.schemas.RegisterDealerDto.required).toEqual(expect.arrayContaining(['dealerId', 'name', 'region']));
    await app.http.get('/docs').expect(200);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await app.http.get('/api/v1/nothing-here').set('Authorization', app.token('admin')).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
  });

  it('answers 413 for a body over the limit', async () => {
    const body = JSON.stringify({ dealerId: 'BIG', name: 'x'.repeat(1_100_000), region: 'north' });
    const res = await app.http.post('/api/v1/dealers').set('Authorization', app.token('admin')).set('Content-Type', 'application/json').send(body).expect(413);
    expect(res.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('echoes the caller\'s correlation id', async () => {
    const res = await app.http.get('/health').set('X-Correlation-Id', 'call-42').expect(200);
    expect(res.headers['x-correlation-id']).toBe('call-42');
  });
});
