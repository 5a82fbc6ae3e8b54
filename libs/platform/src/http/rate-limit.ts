import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/token.service';
import { PROBLEM_CONTENT_TYPE, problem } from './problem-details';

/** Subjects remembered at most; beyond it the least recently seen are forgotten first. */
const MAX_SUBJECTS = 50_000;

/**
 * Requests per minute per token subject (`sub`), as a token bucket: a subject may
 * burst up to the whole minute's allowance, which refills continuously. Wall
 * time, not the domain Clock (like token expiry). In memory, per API replica:
 * behind a load balancer of N replicas a subject gets at most N times the limit.
 */
export class TokenRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the subject's allowance: null when it may go on, else the seconds to wait. */
  take(subject: string): number | null {
    if (this.perMinute <= 0) return null;
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    let bucket = this.buckets.get(subject);
    if (bucket) {
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.atMs) * perMs);
      bucket.atMs = now;
      this.buckets.delete(subject); // re-inserted below: the map's order is least recently seen first
    } else {
      bucket = { tokens: this.perMinute, atMs: now };
      if (this.buckets.size >= MAX_SUBJECTS) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(subject, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}

/**
 * `429 RATE_LIMITED` problem+json with `Retry-After` (seconds) once a token's
 * subject has spent its allowance. Calls without a valid token are left to the
 * guard (401); /health, /ready and /metrics carry none and are never limited.
 */
export function installRateLimit(fastify: FastifyInstance, limiter: TokenRateLimiter, tokens: TokenService): void {
  if (limiter.perMinute <= 0) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined) return done();
    let subject: string;
    try {
      request.principal ??= tokens.authenticate(authorization);
      subject = request.principal.sub;
    } catch {
      return done(); // the guard answers 401
    }
    const waitSeconds = limiter.take(subject);
    if (waitSeconds === null) return done();
    void reply
      .status(429)
      .header('retry-after', String(waitSeconds))
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem(429, 'RATE_LIMITED', `more than ${limiter.perMinute} requests per minute for this token; retry after ${waitSeconds} s`));
  });
}
