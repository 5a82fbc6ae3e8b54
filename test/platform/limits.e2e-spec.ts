/**
 * Issue #9 point 3, the limits: body size (413), rate limiting per token (429 with
 * Retry-After), GraphQL depth and cost (400 before anything runs), and GraphQL
 * errors coded like REST problems. Each limit is lowered through its environment
 * variable so a few requests reach it.
 */
import * as jwt from 'jsonwebtoken';
import { DEV_JWT_SECRET } from '@aftercare/platform';
import { E2eApp, startApp } from '../support/e2e-app';
import { eventsWithCorrelation, newCorrelationId } from '../support/event-assertions';

const PROBLEM = /^application\/problem\+json/;

describe('limits', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp({
      env: { AFTERCARE_BODY_LIMIT: '2048', AFTERCARE_RATE_LIMIT: '5', AFTERCARE_GRAPHQL_MAX_DEPTH: '3', AFTERCARE_GRAPHQL_MAX_COST: '100' },
    });
    await app.http.post('/api/v1/dealers').set('Authorization', app.token('admin', { sub: 'setup-admin' })).send({ dealerId: 'D1', name: 'East 4S', region: 'east' }).expect(201);
  });
  afterAll(() => app?.stop());

  describe('body size', () => {
    it('answers 413 REQUEST.TOO_LARGE problem+json for a body over AFTERCARE_BODY_LIMIT, writing nothing', async () => {
      const correlationId = newCorrelationId();
      const res = await app.http
        .post('/api/v1/customers')
        .set('Authorization', app.token('service_advisor', { dealerId: 'D1', sub: 'big-body' }))
        .set('X-Correlation-Id', correlationId)
        .send({ name: 'x'.repeat(3000), phone: '13800138000' });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    });

    it('applies to GraphQL too', async () => {
      const res = await app.http
        .post('/graphql')
        .set('Authorization', app.token('admin', { sub: 'big-graphql' }))
        .send({ query: `{ me { sub } } # ${'x'.repeat(3000)}` });
      expect(res.status).toBe(413);
      expect(res.body.errors[0].extensions).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    });
  });

  describe('rate limit per token', () => {
    it('answers 429 RATE_LIMITED with Retry-After once a token spent AFTERCARE_RATE_LIMIT requests, and writes nothing', async () => {
      const token = app.token('admin', { sub: 'busy-admin' });
      for (let i = 0; i < 5; i++) await app.http.get('/api/v1/dealers').set('Authorization', token).expect(200);
      const correlationId = newCorrelationId();
      const res = await app.http.post('/api/v1/dealers').set('Authorization', token).set('X-Correlation-Id', correlationId).send({ dealerId: 'D9', name: 'Nine', region: 'east' });
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      // 5 per minute: one more request every 12 s.
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(12);
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
      // GraphQL counts against the same allowance.
      const gql = await app.http.post('/graphql').set('Authorization', token).send({ query: '{ me { sub } }' });
      expect(gql.status).toBe(429);
    });

    it('counts per token subject: another caller is not slowed down, nor are the ops endpoints', async () => {
      const first = app.token('auditor', { sub: 'first-auditor' });
      for (let i = 0; i < 5; i++) await app.http.get('/api/v1/dealers').set('Authorization', first).expect(200);
      expect((await app.http.get('/api/v1/dealers').set('Authorization', first)).status).toBe(429);
      await app.http.get('/api/v1/dealers').set('Authorization', app.token('auditor', { sub: 'second-auditor' })).expect(200);
      for (let i = 0; i < 8; i++) await app.http.get('/health').expect(200);
    });

    it('leaves a call without a valid token to the 401 of the guard', async () => {
      for (let i = 0; i < 7; i++) {
        const res = await app.http.get('/api/v1/dealers').set('Authorization', 'Bearer not-a-token');
        expect(res.status).toBe(401);
      }
    });
  });

  describe('GraphQL', () => {
    const gql = (query: string, sub: string) => app.http.post('/graphql').set('Authorization', app.token('admin', { sub })).send({ query });

    it('refuses a query nested deeper than AFTERCARE_GRAPHQL_MAX_DEPTH with 400 GRAPHQL.TOO_DEEP, fragments counted', async () => {
      await gql('{ dealers { items { id } } }', 'depth-ok').expect(200);
      for (const query of [
        '{ customers { items { vehicles { vin } } } }',
        'query { ...Deep } fragment Deep on Query { customers { items { vehicles { vin } } } }',
      ]) {
        const res = await gql(query, `depth-${query.length}`);
        expect(res.status).toBe(400);
        expect(res.body.data ?? null).toBeNull();
        expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL.TOO_DEEP', status: 400 });
      }
    });

    it('refuses a query whose estimated cost exceeds AFTERCARE_GRAPHQL_MAX_COST with 400 GRAPHQL.TOO_COSTLY', async () => {
      // 1 (customers) + 1 (items) + 50 × 2 fields: 102 > 100.
      const res = await gql('{ customers(first: 50) { items { id name } } }', 'cost-1');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL.TOO_COSTLY', status: 400 });
      // The default page (50) counts like an explicit one; a small page fits.
      expect((await gql('{ customers { items { id name } } }', 'cost-2')).body.errors[0].extensions.code).toBe('GRAPHQL.TOO_COSTLY');
      await gql('{ customers(first: 10) { items { id name } } }', 'cost-3').expect(200);
    });

    it('answers validation and syntax errors with 400 and problem-like extensions', async () => {
      for (const query of ['{ nope }', '{ dealers {', '{ dealer { id } }']) {
        const res = await gql(query, `invalid-${query.length}`);
        expect(res.status).toBe(400);
        expect(res.body.errors.length).toBeGreaterThan(0);
        for (const error of res.body.errors) expect(error.extensions).toMatchObject({ code: 'GRAPHQL.INVALID', status: 400 });
        expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /);
      }
    });
  });

  describe('tokens at the door', () => {
    const sign = (claims: Record<string, unknown>) => jwt.sign({ sub: 'p', role: 'admin', iss: 'aftercare', aud: 'aftercare-api', ...claims }, DEV_JWT_SECRET, { algorithm: 'HS256' });
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses with 401 a token without exp, of another issuer or audience, or expired beyond the skew', async () => {
      for (const token of [
        sign({}),
        sign({ exp: now() + 600, iss: 'another-idp' }),
        sign({ exp: now() + 600, aud: 'another-api' }),
        sign({ exp: now() - 120 }),
        sign({ exp: now() + 600, nbf: now() + 120 }),
      ]) {
        const res = await app.http.get('/api/v1/dealers').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toMatch(/^AUTH\.TOKEN_(INVALID|EXPIRED)$/);
      }
    });

    it('accepts a token expired within the 60 s skew', async () => {
      await app.http.get('/api/v1/dealers').set('Authorization', `Bearer ${sign({ sub: 'skewed', exp: now() - 20 })}`).expect(200);
    });
  });

  describe('GraphQL document size', () => {
    let roomy: E2eApp;
    beforeAll(async () => {
      roomy = await startApp();
    });
    afterAll(() => roomy?.stop());

    it('refuses a document of more than 10 000 tokens (400 GRAPHQL.INVALID) before any rule walks it', async () => {
      const token = roomy.token('admin');
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { sub }`).join(' ')} }`;
      // About 6 tokens per alias: 1 600 aliases are under the cap (and under the cost limit), 2 000 over it.
      await roomy.http.post('/graphql').set('Authorization', token).send({ query: aliases(1_600) }).expect(200);
      const res = await roomy.http.post('/graphql').set('Authorization', token).send({ query: aliases(2_000) });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/contains more th\w+ 10000 tokens/);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL.INVALID', status: 400 });
    });
  });
});
