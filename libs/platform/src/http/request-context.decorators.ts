import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../commands/command-context';
import { actorOf, Principal } from '../auth/principal';
import { requestOf } from '../auth/request-of';
import { UnauthenticatedError } from '../auth/auth.errors';
import { parseIdempotencyKey, parseIfMatch } from './request-headers';

/**
 * The CommandContext of a request (REST or GraphQL): the actor from the token
 * (recorded in every event's metadata), the correlation id, the Idempotency-Key
 * and the If-Match revision.
 */
export function commandContextOf(request: FastifyRequest): CommandContext {
  return {
    actor: actorOf(principalOf(request)),
    correlationId: request.correlationId,
    causationId: null,
    idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
    expectedRevision: parseIfMatch(request.headers['if-match']),
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError('AUTH.TOKEN_MISSING', 'send Authorization: Bearer <token>');
  return request.principal;
}

/** `@CommandCtx() ctx: CommandContext` in a controller or resolver. */
export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext) => commandContextOf(requestOf(context)));

/** `@Caller() principal: Principal` in a controller or resolver. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext) => principalOf(requestOf(context)));
