import { HttpException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { DomainError, DomainErrorKind, FieldError } from '@aftercare/kernel';
import { WrongExpectedRevisionError } from '@aftercare/event-store';
import { InvalidCursorError } from '@aftercare/read-store';
import { PreconditionFailedError } from '../commands/command-runner';
import { UnauthenticatedError } from '../auth/auth.errors';

/** RFC 7807 body (API.md "Conventions"); `errors` only on 400. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** A request that does not match its DTO, or a malformed header: 400 with the fields. */
export class RequestValidationError extends Error {
  readonly code = 'REQUEST.INVALID';
  constructor(readonly fields: FieldError[], message = 'the request is not valid') {
    super(message);
    this.name = 'RequestValidationError';
  }

  /** ValidationPipe's exceptionFactory: nested properties become dotted paths. */
  static fromClassValidator(errors: ValidationError[]): RequestValidationError {
    const fields: FieldError[] = [];
    const walk = (list: ValidationError[], prefix: string) => {
      for (const e of list) {
        const field = prefix ? `${prefix}.${e.property}` : e.property;
        for (const message of Object.values(e.constraints ?? {})) fields.push({ field, message });
        if (e.children?.length) walk(e.children, field);
      }
    };
    walk(errors, '');
    return new RequestValidationError(fields, fields.map((f) => f.message).join('; ') || 'the request is not valid');
  }
}

const KIND_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unprocessable: 422,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Framework-level failures (routing, body parsing) have no code of their own. */
const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.MALFORMED',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  414: 'REQUEST.URI_TOO_LONG',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:aftercare:problem:${code}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...(status === 400 ? { errors: errors ?? [] } : {}),
  };
}

/**
 * The one mapping from anything thrown to a problem (STYLE.md: the domain knows
 * nothing of HTTP). `unexpected` marks a 500 whose cause must be logged, because
 * the body says nothing about it.
 */
export function toProblem(err: unknown): { problem: Problem; unexpected: boolean } {
  if (err instanceof RequestValidationError) return ok(problem(400, err.code, err.message, err.fields));
  if (err instanceof DomainError) return ok(problem(KIND_STATUS[err.kind] ?? 409, err.code, err.message, err.fields));
  if (err instanceof UnauthenticatedError) return ok(problem(401, err.code, err.message));
  if (err instanceof PreconditionFailedError) return ok(problem(412, err.code, err.message));
  if (err instanceof WrongExpectedRevisionError) return ok(problem(409, err.code, 'the resource changed concurrently; read it again and retry'));
  if (err instanceof InvalidCursorError) return ok(problem(400, 'REQUEST.INVALID', err.message, [{ field: 'cursor', message: 'is not a cursor this list returned' }]));
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status >= 500) return { problem: problem(status, 'INTERNAL', 'an unexpected error occurred'), unexpected: true };
    return ok(problem(status, HTTP_CODES[status] ?? `HTTP.${status}`, httpDetail(err)));
  }
  if (isClientFrameworkError(err)) {
    return ok(problem(err.statusCode, HTTP_CODES[err.statusCode] ?? `HTTP.${err.statusCode}`, err.message));
  }
  return { problem: problem(500, 'INTERNAL', 'an unexpected error occurred'), unexpected: true };
}

function ok(p: Problem) {
  return { problem: p, unexpected: false };
}

function httpDetail(err: HttpException): string {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : err.message;
}

/** Fastify errors raised before Nest's router (e.g. body parsing) carry a 4xx statusCode. */
function isClientFrameworkError(err: unknown): err is Error & { statusCode: number } {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return err instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}
