import { E2eApp, startApp } from '../support/e2e-app';

describe('GraphQL', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
    const admin = app.token('admin');
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId: 'G1', name: 'Guangzhou 4S', region: 'south' }).expect(201);
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId: 'G2', name: 'Harbin 4S', region: 'north' }).expect(201);
    await app.caughtUp();
  });
  afterAll(() => app?.stop());

  const query = (q: string, token?: string) => {
    const req = app.http.post('/graphql').send({ query: q });
    return token ? req.set('Authorization', token) : req;
  };

  it('answers 401 with a GraphQL error coded like REST without a token', async () => {
    const res = await query('{ dealers { items { id } } }').expect(401);
    expect(res.body.errors[0].extensions.code).toBe('AUTH.TOKEN_MISSING');
  });

  it('lists the dealers the caller may see', async () => {
    const res = await query('{ dealers { items { id name region revision } nextCursor } }', app.token('field_service_rep', { region: 'south' })).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.dealers).toEqual({ items: [{ id: 'G1', name: 'Guangzhou 4S', region: 'south', revision: 0 }], nextCursor: null });
  });

  it('carries the REST error code in extensions for a dealer out of scope', async () => {
    const res = await query('{ dealer(id: "G2") { id } }', app.token('field_service_rep', { region: 'south' })).expect(200);
    expect(res.body.data.dealer).toBeNull();
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE', status: 403 });
  });

  it('tells the caller who the token says it is', async () => {
    const res = await query('{ me { sub role dealerId } }', app.token('service_advisor', { dealerId: 'G1', sub: 'advisor-7' })).expect(200);
    expect(res.body.data.me).toEqual({ sub: 'advisor-7', role: 'service_advisor', dealerId: 'G1' });
  });
});
