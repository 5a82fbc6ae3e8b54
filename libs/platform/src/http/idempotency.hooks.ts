import { createHash } from 'crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Clock, DomainError } from '@aftercare/kernel';
import { DuplicateKeyError, ReadStore } from '@aftercare/read-store';
import type { TokenService } from '../auth/token.service';
import { parseIdempotencyKey } from './request-headers';

export const IDEMPOTENCY_COLLECTION = '_idempotency';

interface IdempotencyRecord {
  _id: string;
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: string;
  [key: string]: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when a POST carries an Idempotency-Key not seen before: its answer is to be recorded. */
    idempotency?: { id: string; fingerprint: string };
  }
}

/**
 * API.md `Idempotency-Key` on any POST: the same key (per token subject) with the
 * same request returns the first response and appends nothing; with a different
 * request, 422. Records live in the read store (`_idempotency`) so they survive a
 * restart and are shared by API replicas. If the process dies between the append
 * and saving the record, the retry runs the command again and CommandRunner finds
 * the events it derived from the key already stored: still nothing is appended.
 *
 * Fastify hooks rather than a Nest interceptor: an interceptor costs every request
 * an rxjs pipeline and an AsyncResource, and only requests with the header need
 * this. The key is scoped by the token's subject, so the token is verified here
 * (cached, as in the guard); the guard then runs as usual for a first request. A
 * replay answers the subject's own earlier result and changes nothing.
 * ETag and Location follow from the body (resource-headers.ts), so they repeat too.
 */
export function installIdempotency(fastify: FastifyInstance, store: ReadStore, tokens: TokenService, clock: Clock): void {
  const records = store.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);

  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST') return;
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === null) return;
    const principal = (request.principal ??= tokens.authenticate(request.headers.authorization));
    const id = createHash('sha256').update(`${principal.sub}\u001f${key}`).digest('base64url');
    const fingerprint = fingerprintOf(request);
    const record = await records.findOne({ _id: id });
    if (!record) {
      request.idempotency = { id, fingerprint };
      return;
    }
    if (record.fingerprint !== fingerprint) {
      throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for a different request', 'unprocessable');
    }
    return reply.status(record.status).header('idempotent-replayed', 'true').send(record.body);
  });

  fastify.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const pending = request.idempotency;
    if (!pending || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    request.idempotency = undefined;
    const record: IdempotencyRecord = { _id: pending.id, fingerprint: pending.fingerprint, status: reply.statusCode, body: payload, createdAt: clock.now().toISOString() };
    try {
      await records.insertOne(record);
    } catch (err) {
      // A concurrent retry with the same key saved it first; both ran the same
      // command with the same derived event ids, so both answers are the same.
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    return payload;
  });
}

/** Same method, path and JSON body (key order ignored) = same request. */
export function fingerprintOf(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
