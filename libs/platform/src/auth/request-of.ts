import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard (or the /graphql pre-handler) once the token verified. */
    principal?: Principal;
    /** X-Correlation-Id, or one generated on arrival. */
    correlationId: string;
  }
}

/** The HTTP request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): FastifyRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req;
  }
  return context.switchToHttp().getRequest<FastifyRequest>();
}

/** A write is any HTTP method but GET/HEAD/OPTIONS, or a GraphQL mutation. */
export function isWriteCall(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getInfo().operation.operation === 'mutation';
  }
  const method = context.switchToHttp().getRequest<FastifyRequest>().method;
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
