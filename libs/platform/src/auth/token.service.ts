import * as jwt from 'jsonwebtoken';
import { isDealerRole, isOemRole, isRole, Role } from '@aftercare/kernel';
import type { Principal } from './principal';
import { UnauthenticatedError } from './auth.errors';

export interface TokenClaims {
  sub: string;
  role: Role;
  dealerId?: string;
  region?: string;
}

/** Verified tokens kept at most; beyond it the oldest are dropped first. */
const CACHE_SIZE = 10_000;

/**
 * HS256 bearer tokens (API.md "Conventions"). Verifying an HMAC and parsing JSON
 * on every request is measurable at thousands of requests per second, so a
 * verified token string is remembered until its own expiry: the same string can
 * only ever verify to the same principal. Expiry uses wall time, not the domain
 * Clock: a test that moves business time must not invalidate its credentials.
 */
export class TokenService {
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly secret: string) {}

  issue(claims: TokenClaims, options: { expiresInSeconds?: number } = {}): string {
    const principal = principalFromClaims({ ...claims });
    const payload: Record<string, unknown> = { sub: principal.sub, role: principal.role };
    if (principal.dealerId) payload.dealerId = principal.dealerId;
    if (principal.region) payload.region = principal.region;
    return jwt.sign(payload, this.secret, { algorithm: 'HS256', expiresIn: options.expiresInSeconds ?? 8 * 3600 });
  }

  /** Parses `Authorization: Bearer <jwt>`; throws UnauthenticatedError (401). */
  authenticate(authorization: string | string[] | undefined): Principal {
    if (typeof authorization !== 'string' || authorization.length === 0) {
      throw new UnauthenticatedError('AUTH.TOKEN_MISSING', 'send Authorization: Bearer <token>');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the Authorization header must be "Bearer <token>"');
    return this.verify(match[1]);
  }

  verify(token: string): Principal {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAtMs > now) return hit.principal;
      this.verified.delete(token);
    }
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new UnauthenticatedError('AUTH.TOKEN_EXPIRED', 'the token has expired');
      throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token is not valid');
    }
    if (typeof payload === 'string') throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token carries no claims');
    const principal = principalFromClaims(payload);
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: principal.exp === null ? Number.POSITIVE_INFINITY : principal.exp * 1000 });
    return principal;
  }
}

/** The claim rules of API.md: a role from DOMAIN.md, dealerId for dealer roles, region for OEM roles. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const invalid = (message: string) => new UnauthenticatedError('AUTH.TOKEN_INVALID', message);
  const { sub, role, dealerId, region, exp } = claims;
  if (typeof sub !== 'string' || sub.length === 0) throw invalid('the token has no sub');
  if (typeof role !== 'string' || !isRole(role)) throw invalid(`the token's role ${JSON.stringify(role)} is not a known role`);
  if (isDealerRole(role) && (typeof dealerId !== 'string' || dealerId.length === 0)) throw invalid(`a ${role} token needs a dealerId`);
  if (isOemRole(role) && (typeof region !== 'string' || region.length === 0)) throw invalid(`a ${role} token needs a region`);
  return {
    sub,
    role,
    dealerId: isDealerRole(role) ? (dealerId as string) : null,
    region: isOemRole(role) ? (region as string) : null,
    exp: typeof exp === 'number' ? exp : null,
  };
}
