import * as jwt from 'jsonwebtoken';
import { DEV_JWT_SECRET } from '@aftercare/platform';
import { E2eApp, startApp } from '../support/e2e-app';

describe('authentication and scope', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
    const admin = app.token('admin');
    for (const dealer of [
      { dealerId: 'E1', name: 'East One', region: 'east' },
      { dealerId: 'W1', name: 'West One', region: 'west' },
    ]) {
      await app.http.post('/api/v1/dealers').set('Authorization', admin).send(dealer).expect(201);
    }
  });
  afterAll(() => app?.stop());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: { code?: string; status?: number } }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  };

  it('refuses a call without a token with 401', async () => {
    const res = await app.http.get('/api/v1/dealers');
    expectProblem(res, 401, 'AUTH.TOKEN_MISSING');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses a token signed with another secret with 401', async () => {
    const forged = jwt.sign({ sub: 'mallory', role: 'admin' }, 'not-the-secret-of-this-deployment', { algorithm: 'HS256' });
    expectProblem(await app.http.get('/api/v1/dealers').set('Authorization', `Bearer ${forged}`), 401, 'AUTH.TOKEN_INVALID');
  });

  it('refuses an expired token with 401', async () => {
    const expired = jwt.sign({ sub: 'p', role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, DEV_JWT_SECRET, { algorithm: 'HS256' });
    expectProblem(await app.http.get('/api/v1/dealers').set('Authorization', `Bearer ${expired}`), 401, 'AUTH.TOKEN_EXPIRED');
  });

  it('lets only an admin register a dealer', async () => {
    const body = { dealerId: 'X9', name: 'Nope', region: 'east' };
    const advisor = app.token('service_advisor', { dealerId: 'E1' });
    expectProblem(await app.http.post('/api/v1/dealers').set('Authorization', advisor).send(body), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const rsm = app.token('regional_service_manager', { region: 'east' });
    expectProblem(await app.http.post('/api/v1/dealers').set('Authorization', rsm).send(body), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('never lets an auditor write', async () => {
    const res = await app.http.post('/api/v1/dealers').set('Authorization', app.token('auditor')).send({ dealerId: 'X8', name: 'Nope', region: 'east' });
    expectProblem(res, 403, 'AUTH.READ_ONLY_ROLE');
  });

  it('lets an OEM role read the dealers of its region and not another region\'s', async () => {
    const rsm = app.token('regional_service_manager', { region: 'east' });
    await app.http.get('/api/v1/dealers/E1').set('Authorization', rsm).expect(200);
    expectProblem(await app.http.get('/api/v1/dealers/W1').set('Authorization', rsm), 403, 'AUTH.OUT_OF_SCOPE');
    await app.caughtUp();
    const list = await app.http.get('/api/v1/dealers').set('Authorization', rsm).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['E1']);
  });

  it('lets dealer staff see their own dealer only', async () => {
    const agent = app.token('callback_agent', { dealerId: 'W1' });
    await app.http.get('/api/v1/dealers/W1').set('Authorization', agent).expect(200);
    expectProblem(await app.http.get('/api/v1/dealers/E1').set('Authorization', agent), 403, 'AUTH.OUT_OF_SCOPE');
    await app.caughtUp();
    const list = await app.http.get('/api/v1/dealers').set('Authorization', agent).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual(['W1']);
  });

  it('keeps integrators to event endpoints', async () => {
    expectProblem(await app.http.get('/api/v1/dealers').set('Authorization', app.token('integrator')), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });
});
