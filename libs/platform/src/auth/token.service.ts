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

/** Defaults of AFTERCARE_JWT_ISSUER, AFTERCARE_JWT_AUDIENCE and AFTERCARE_JWT_CLOCK_SKEW. */
export const DEFAULT_JWT_ISSUER = 'aftercare';
export const DEFAULT_JWT_AUDIENCE = 'aftercare-api';
export const DEFAULT_JWT_CLOCK_SKEW_SECONDS = 60;
/** Skew beyond this would keep expired tokens alive for minutes: config refuses it. */
export const MAX_JWT_CLOCK_SKEW_SECONDS = 300;

export interface TokenPolicy {
  /** `iss` every token must carry (and issue() writes). */
  issuer: string;
  /** `aud` every token must carry (and issue() writes). */
  audience: string;
  /** Clock difference tolerated on `exp`, `nbf` and `iat` between issuer and API. */
  clockSkewSeconds: number;
}

/**
 * HS256 bearer tokens (API.md "Conventions"). A token must carry `exp`, the
 * configured `iss` and `aud`, and neither `nbf` nor `iat` in the future; clocks
 * may differ by `clockSkewSeconds` (60 s by default, at most 300). Verifying an HMAC and parsing JSON
 * on every request is measurable at thousands of requests per second, so a
 * verified token string is remembered until its own expiry: the same string can
 * only ever verify to the same principal. Expiry uses wall time, not the domain
 * Clock: a test that moves business time must not invalidate its credentials.
 */
export class TokenService {
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  private readonly policy: TokenPolicy;

  constructor(
    private readonly secret: string,
    policy: Partial<TokenPolicy> = {},
  ) {
    this.policy = {
      issuer: policy.issuer ?? DEFAULT_JWT_ISSUER,
      audience: policy.audience ?? DEFAULT_JWT_AUDIENCE,
      clockSkewSeconds: policy.clockSkewSeconds ?? DEFAULT_JWT_CLOCK_SKEW_SECONDS,
    };
  }

  issue(claims: TokenClaims, options: { expiresInSeconds?: number } = {}): string {
    const principal = principalFromClaims({ ...claims });
    const payload: Record<string, unknown> = { sub: principal.sub, role: principal.role };
    if (principal.dealerId) payload.dealerId = principal.dealerId;
    if (principal.region) payload.region = principal.region;
    return jwt.sign(payload, this.secret, {
      algorithm: 'HS256',
      expiresIn: options.expiresInSeconds ?? 8 * 3600,
      issuer: this.policy.issuer,
      audience: this.policy.audience,
    });
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
    const { issuer, audience, clockSkewSeconds } = this.policy;
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer, audience, clockTolerance: clockSkewSeconds });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new UnauthenticatedError('AUTH.TOKEN_EXPIRED', 'the token has expired');
      if (err instanceof jwt.NotBeforeError) throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token is not valid yet');
      const claim = /jwt (issuer|audience) invalid/.exec((err as Error).message)?.[1];
      throw new UnauthenticatedError('AUTH.TOKEN_INVALID', claim ? `the token's ${claim} is not this API's` : 'the token is not valid');
    }
    if (typeof payload === 'string') throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token carries no claims');
    // jsonwebtoken accepts a token without exp (valid forever) and one issued in the future.
    if (typeof payload.exp !== 'number') throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token has no exp');
    if (typeof payload.iat === 'number' && payload.iat > now / 1000 + clockSkewSeconds) {
      throw new UnauthenticatedError('AUTH.TOKEN_INVALID', 'the token was issued in the future');
    }
    const principal = principalFromClaims(payload);
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: (payload.exp + clockSkewSeconds) * 1000 });
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
