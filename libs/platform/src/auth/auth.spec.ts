import * as jwt from 'jsonwebtoken';
import { TokenService } from './token.service';
import { UnauthenticatedError } from './auth.errors';
import { AuthorizationMatrix, checkAccess, validateMatrix } from './authorization-matrix';
import { ScopeService } from './scope.service';
import type { DealerDirectory } from './dealer-directory.port';
import type { Principal } from './principal';

const SECRET = 'a-test-secret-long-enough';
const ISS = { issuer: 'aftercare', audience: 'aftercare-api' };
const nowS = () => Math.floor(Date.now() / 1000);
/** A token as a conforming issuer signs it, with claims overridden or removed (undefined). */
const signed = (claims: Record<string, unknown>, secret = SECRET) => {
  const full: Record<string, unknown> = { iss: ISS.issuer, aud: ISS.audience, exp: nowS() + 600, iat: nowS(), ...claims };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  return jwt.sign(full, secret, { algorithm: 'HS256' });
};

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
    const forged = signed({ sub: 'x', role: 'admin' }, 'another-secret-entirely');
    expect(codeOf(() => tokens.authenticate(`Bearer ${forged}`))).toBe('AUTH.TOKEN_INVALID');
    const expired = signed({ sub: 'x', role: 'admin', exp: nowS() - 61 });
    expect(codeOf(() => tokens.authenticate(`Bearer ${expired}`))).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a token signed with another algorithm than HS256', () => {
    const none = jwt.sign({ sub: 'x', role: 'admin' }, '', { algorithm: 'none' });
    expect(codeOf(() => tokens.verify(none))).toBe('AUTH.TOKEN_INVALID');
    const hs512 = jwt.sign({ sub: 'x', role: 'admin' }, SECRET, { algorithm: 'HS512' });
    expect(codeOf(() => tokens.verify(hs512))).toBe('AUTH.TOKEN_INVALID');
  });

  it('requires a known role, a dealerId for dealer roles and a region for OEM roles', () => {
    const sign = (claims: Record<string, unknown>) => signed(claims);
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'janitor' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'callback_agent' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ sub: 'x', role: 'regional_service_manager', dealerId: 'D1' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(sign({ sub: undefined, role: 'admin' })))).toBe('AUTH.TOKEN_INVALID');
    expect(tokens.verify(sign({ sub: 'x', role: 'regional_service_manager', region: 'east' })).region).toBe('east');
  });

  it('remembers a verified token but still expires it on time, skew included', () => {
    const token = signed({ sub: 'x', role: 'admin', exp: nowS() + 1 });
    const first = tokens.verify(token);
    expect(tokens.verify(token)).toBe(first);
    const now = Date.now;
    try {
      Date.now = () => now() + 30_000; // expired 29 s ago: within the 60 s skew
      expect(tokens.verify(token)).toBe(first);
      Date.now = () => now() + 65_000; // beyond the skew
      expect(() => tokens.verify(token)).toThrow(UnauthenticatedError);
    } finally {
      Date.now = now;
    }
  });

  it('requires exp: a token valid forever is refused', () => {
    expect(codeOf(() => tokens.verify(signed({ sub: 'x', role: 'admin', exp: undefined })))).toBe('AUTH.TOKEN_INVALID');
  });

  it('requires the configured issuer and audience', () => {
    expect(tokens.verify(signed({ sub: 'x', role: 'admin' })).sub).toBe('x');
    expect(codeOf(() => tokens.verify(signed({ sub: 'x', role: 'admin', iss: 'someone-else' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(signed({ sub: 'x', role: 'admin', iss: undefined })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(signed({ sub: 'x', role: 'admin', aud: 'another-api' })))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => tokens.verify(signed({ sub: 'x', role: 'admin', aud: undefined })))).toBe('AUTH.TOKEN_INVALID');
    const custom = new TokenService(SECRET, { issuer: 'idp.example', audience: 'care' });
    expect(custom.verify(custom.issue({ sub: 'y', role: 'admin' })).sub).toBe('y');
    expect(codeOf(() => custom.verify(signed({ sub: 'x', role: 'admin' })))).toBe('AUTH.TOKEN_INVALID');
  });

  it('bounds clock skew: 60 s either way by default, configurable', () => {
    expect(tokens.verify(signed({ sub: 'a', role: 'admin', exp: nowS() - 50 })).sub).toBe('a');
    expect(codeOf(() => tokens.verify(signed({ sub: 'b', role: 'admin', exp: nowS() - 70 })))).toBe('AUTH.TOKEN_EXPIRED');
    expect(tokens.verify(signed({ sub: 'c', role: 'admin', nbf: nowS() + 50 })).sub).toBe('c');
    expect(codeOf(() => tokens.verify(signed({ sub: 'd', role: 'admin', nbf: nowS() + 70 })))).toBe('AUTH.TOKEN_INVALID');
    expect(tokens.verify(signed({ sub: 'e', role: 'admin', iat: nowS() + 50 })).sub).toBe('e');
    expect(codeOf(() => tokens.verify(signed({ sub: 'f', role: 'admin', iat: nowS() + 70 })))).toBe('AUTH.TOKEN_INVALID');
    const strict = new TokenService(SECRET, { clockSkewSeconds: 0 });
    expect(codeOf(() => strict.verify(signed({ sub: 'g', role: 'admin', exp: nowS() - 2 })))).toBe('AUTH.TOKEN_EXPIRED');
  });
});

describe('authorization matrix', () => {
  const matrix: AuthorizationMatrix = {
    'POST /api/v1/dealers': { roles: ['admin'], scope: 'all' },
    'GET /api/v1/dealers': { roles: ['admin', 'auditor', 'service_advisor'], scope: 'dealer' },
    'POST /api/v1/webhooks': { roles: ['integrator', 'admin'], scope: 'own' },
    'GET /health': { roles: 'public', scope: 'none' },
    'Mutation.doIt': { roles: ['admin'], scope: 'all' },
  };

  it('admits exactly the roles of the endpoint\'s entry', () => {
    expect(checkAccess(matrix, 'POST /api/v1/dealers', 'admin')).toBeNull();
    expect(checkAccess(matrix, 'POST /api/v1/dealers', 'service_advisor')?.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect(checkAccess(matrix, 'GET /api/v1/dealers', 'service_advisor')).toBeNull();
    expect(checkAccess(matrix, 'GET /health', 'integrator')).toBeNull();
  });

  it('refuses everyone on an endpoint that has no entry', () => {
    expect(checkAccess(matrix, 'GET /api/v1/secret', 'admin')?.code).toBe('AUTH.NO_POLICY');
    expect(checkAccess(matrix, 'Query.unknown', 'admin')?.code).toBe('AUTH.NO_POLICY');
  });

  it('tells a read-only role that it never writes', () => {
    expect(checkAccess(matrix, 'POST /api/v1/dealers', 'auditor')?.code).toBe('AUTH.READ_ONLY_ROLE');
    expect(checkAccess(matrix, 'Mutation.doIt', 'integrator')?.code).toBe('AUTH.READ_ONLY_ROLE');
    expect(checkAccess(matrix, 'POST /api/v1/webhooks', 'integrator')).toBeNull();
  });

  it('refuses a table that lets auditor or integrator write, or names unknown roles', () => {
    expect(validateMatrix(matrix)).toEqual([]);
    expect(
      validateMatrix({
        'POST /api/v1/customers': { roles: ['auditor'], scope: 'dealer' },
        'DELETE /api/v1/things/:id': { roles: ['integrator'], scope: 'dealer' },
        'Mutation.x': { roles: ['auditor'], scope: 'all' },
        'GET /api/v1/x': { roles: ['janitor' as never], scope: 'all' },
        'FETCH /x': { roles: ['admin'], scope: 'all' },
      }),
    ).toHaveLength(5);
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
