import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/**
 * Every error leaves as RFC 7807 `application/problem+json` (REST) or as a GraphQL
 * error whose `extensions.code` is the same code. A 500 never shows its cause to
 * the client; it is logged with the correlation id instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost): unknown {
    const { problem, unexpected } = toProblem(err);
    const isGraphql = host.getType<string>() === 'graphql';
    const request = isGraphql ? (host.getArgByIndex(2) as { req?: FastifyRequest } | undefined)?.req : host.switchToHttp().getRequest<FastifyRequest>();
    if (unexpected) this.log.error({ err, correlationId: request?.correlationId }, 'unexpected error');
    if (isGraphql) {
      throw new GraphQLError(problem.detail, {
        extensions: { code: problem.code, status: problem.status, ...(problem.errors ? { errors: problem.errors } : {}) },
      });
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    return undefined;
  }
}
