import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@aftercare/kernel';
import { WrongExpectedRevisionError } from '@aftercare/event-store';
import { PreconditionFailedError } from '../commands/command-runner';
import { UnauthenticatedError } from '../auth/auth.errors';
import { RequestValidationError, toProblem } from './problem-details';
import { correlationIdOf, parseIdempotencyKey, parseIfMatch } from './request-headers';

describe('problem details', () => {
  it('maps each kind of broken rule to its status, keeping the rule code', () => {
    const cases: [DomainError, number][] = [
      [DomainError.invalid('X.INVALID', 'bad', [{ field: 'a', message: 'no' }]), 400],
      [new DomainError('X.UNPROCESSABLE', 'no', 'unprocessable'), 422],
      [DomainError.forbidden('X.FORBIDDEN', 'no'), 403],
      [DomainError.notFound('X.NOT_FOUND', 'no'), 404],
      [DomainError.conflict('COMPLAINT.NOT_ACKNOWLEDGED', 'no'), 409],
    ];
    for (const [err, status] of cases) {
      const { problem, unexpected } = toProblem(err);
      expect(problem).toMatchObject({ status, code: err.code, detail: err.message, type: `urn:aftercare:problem:${err.code}` });
      expect(unexpected).toBe(false);
    }
    expect(toProblem(cases[0][0]).problem.errors).toEqual([{ field: 'a', message: 'no' }]);
  });

  it('lists the fields of a request that does not match its DTO', () => {
    const err = RequestValidationError.fromClassValidator([
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      { property: 'address', children: [{ property: 'city', constraints: { isNotEmpty: 'city should not be empty' }, children: [] }] },
      { property: 'colour', constraints: { whitelistValidation: 'property colour should not exist' }, children: [] },
    ]);
    expect(toProblem(err).problem).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      title: 'Bad Request',
      errors: [
        { field: 'name', message: 'name must be a string' },
        { field: 'address.city', message: 'city should not be empty' },
        { field: 'colour', message: 'property colour should not exist' },
      ],
    });
  });

  it('answers 401, 412 and 409 for authentication, stale If-Match and concurrent writes', () => {
    expect(toProblem(new UnauthenticatedError('AUTH.TOKEN_EXPIRED', 'expired')).problem).toMatchObject({ status: 401, code: 'AUTH.TOKEN_EXPIRED' });
    expect(toProblem(new PreconditionFailedError('dealer-D1', 1, 2)).problem).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    expect(toProblem(new WrongExpectedRevisionError('dealer-D1', 1, 2)).problem).toMatchObject({ status: 409, code: 'EVENT_STORE.WRONG_EXPECTED_REVISION' });
  });

  it('gives framework failures stable codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope')).problem).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
    expect(toProblem(new BadRequestException('Unexpected token')).problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED', errors: [] });
    expect(toProblem(new HttpException('Request body is too large', 413)).problem).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('hides the cause of anything unexpected behind a 500', () => {
    const { problem, unexpected } = toProblem(new TypeError('cannot read properties of undefined (reading "secret")'));
    expect(unexpected).toBe(true);
    expect(problem).toEqual({ type: 'urn:aftercare:problem:INTERNAL', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred', code: 'INTERNAL' });
  });
});

describe('request headers', () => {
  it('reads If-Match as the revision (quoted, weak or bare) and refuses anything else', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('*')).toBeNull();
    for (const bad of ['"x"', '"3", "4"', '-1', '3a']) {
      expect(() => parseIfMatch(bad)).toThrow(RequestValidationError);
    }
  });

  it('accepts printable Idempotency-Keys up to 255 characters', () => {
    expect(parseIdempotencyKey('order-42')).toBe('order-42');
    expect(() => parseIdempotencyKey('x'.repeat(256))).toThrow(RequestValidationError);
    expect(() => parseIdempotencyKey('has space')).toThrow(RequestValidationError);
  });

  it('keeps a sane X-Correlation-Id and replaces anything else', () => {
    expect(correlationIdOf('abc-123')).toBe('abc-123');
    expect(correlationIdOf('<script>')).not.toBe('<script>');
    expect(correlationIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
