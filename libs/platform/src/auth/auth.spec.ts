import * as jwt from 'jsonwebtoken';
import { TokenService } from './token.service';
import { UnauthenticatedError } from './auth.errors';
import { checkRole } from './role-policy';
import { ScopeService } from './scope.service';
import type { DealerDirectory } from './dealer-directory.port';
import type { Principal } from './principal';

const SECRET = 'a-test-secret-long-enough';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('bearer tokens', () => {
  const tokens = new TokenService(SECRET);

  it('turns a signed token into the principal its claims describe', () => {
    const token = tokens.issue({ sub: 'p-1', role: 'service_advisor', dealerId: 'D1' });
    expect(tokens.authenticate(`Bearer ${token}`)).toMatchObject({ sub: 'p-1', role: 'service_advisor', dealerId: 'D1', region: null });
  });

  it('answers 401 without a token, with a foreign signature, or once expired', () => {
    expect(codeOf(() => tokens.authenticate(undefined))).toBe('AUTH.TOKEN_MISSING');
    expect(codeOf(() => tokens.authenticate('Basic abc'))).toBe('AUTH.TOKEN_INVALID');
    const forged = jwt.sign({ sub: 'x', role: 'admin' }, 'another-secret-entirely', { algorithm: 'HS256' });
    expect(codeOf(() => tokens.authenticate(`Bearer ${forged}`))).toBe('AUTH.TOKEN_INVALID');
    const expired = jwt.sign({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, { algorithm: 'HS256' });
    expect(codeOf(() => tokens.authenticate(`Bearer ${expired}`))).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a token signed with another algorithm than HS256', () => {
    const none = jwt.sign({ sub: 'x', role: 'admin' }, '', { algorithm: 'none' });
    expect(codeOf(() => tokens.verify(none))).toBe('AUTH.TOKEN_INVALID');
    const hs512 = jwt.sign({ sub: 'x', role: 'admin' }, SECRET, { algorithm: 'HS512' });
    expect(codeOf(() => tokens.verify(hs512))).toBe('AUTH.TOKEN_INVALID');
  });

  it('requires a known role, a dealerId for dealer roles and a region for OEM roles', () => {
    const sign = (claims: object) => jwt.sign(claims, SECRET, { algorithm: 'HS256' });
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'janitor' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'callback_agent' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'regional_service_manager', dealerId: 'D1' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ role: 'admin' })))).toBe('AUTH.TOKEN_INVALID');
    expect(tokens.verify(sign({ sub: 'x', role: 'regional_service_manager', region: 'east' })).region).toBe('east');
  });

  it('remembers a verified token but still expires it on time', () => {
    const token = jwt.sign({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) + 1 }, SECRET, { algorithm: 'HS256' });
    const first = tokens.verify(token);
    expect(tokens.verify(token)).toBe(first);
    const now = Date.now;
    Date.now = () => now() + 5_000;
    try {
      expect(() => tokens.verify(token)).toThrow(UnauthenticatedError);
    } finally {
      Date.now = now;
    }
  });
});

describe('role policy', () => {
  it('admits only the listed roles on a marked endpoint', () => {
    expect(checkRole('admin', ['admin'], true)).toBeNull();
    expect(checkRole('service_advisor', ['admin'], true)?.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('never lets an auditor or an integrator write, even where listed', () => {
    expect(checkRole('auditor', undefined, true)?.code).toBe('AUTH.READ_ONLY_ROLE');
    expect(checkRole('integrator', ['integrator'], true)?.code).toBe('AUTH.READ_ONLY_ROLE');
    expect(checkRole('auditor', undefined, false)).toBeNull();
  });

  it('keeps integrators to endpoints that serve events', () => {
    expect(checkRole('integrator', undefined, false)?.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect(checkRole('integrator', ['integrator', 'auditor'], false)).toBeNull();
  });
});

describe('dealer scope', () => {
  const directory: DealerDirectory = {
    regionOf: async (dealerId) => ({ D1: 'east', D2: 'east', D3: 'west' })[dealerId] ?? null,
    dealersInRegion: async (region) => (region === 'east' ? ['D1', 'D2'] : region === 'west' ? ['D3'] : []),
  };
  const scope = new ScopeService(directory);
  const who = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({ sub: 'p', role, dealerId: null, region: null, exp: null, ...extra });

  it('lets dealer staff see and change only their own dealer', async () => {
    const advisor = who('service_advisor', { dealerId: 'D1' });
    expect(await scope.canRead(advisor, 'D1')).toBe(true);
    expect(await scope.canRead(advisor, 'D2')).toBe(false);
    expect(await scope.canWrite(advisor, 'D1')).toBe(true);
    await expect(scope.assertCanWrite(advisor, 'D2')).rejects.toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    expect(await scope.readableDealers(advisor)).toEqual({ all: false, dealerIds: ['D1'] });
  });

  it('lets OEM roles see the dealers of their region only', async () => {
    const rsm = who('regional_service_manager', { region: 'east' });
    expect(await scope.canRead(rsm, 'D2')).toBe(true);
    expect(await scope.canRead(rsm, 'D3')).toBe(false);
    expect(await scope.canRead(rsm, 'unknown')).toBe(false);
    expect(await scope.readableDealers(rsm)).toEqual({ all: false, dealerIds: ['D1', 'D2'] });
  });

  it('lets auditors and integrators read every dealer and change none', async () => {
    for (const role of ['auditor', 'integrator'] as const) {
      expect(await scope.canRead(who(role), 'D3')).toBe(true);
      expect(await scope.canWrite(who(role), 'D3')).toBe(false);
      await expect(scope.assertCanWrite(who(role), 'D3')).rejects.toMatchObject({ code: 'AUTH.READ_ONLY_ROLE' });
      expect(await scope.readableDealers(who(role))).toEqual({ all: true });
    }
  });

  it('lets admin do everything', async () => {
    expect(await scope.canWrite(who('admin'), 'D3')).toBe(true);
    expect(await scope.readableDealers(who('admin'))).toEqual({ all: true });
  });
});
