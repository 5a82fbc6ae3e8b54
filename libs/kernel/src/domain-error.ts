/**
 * How a rule was broken; the HTTP layer maps it (and only it) to a status:
 * invalid → 400/422, forbidden → 403, not_found → 404, conflict → 409.
 */
export type DomainErrorKind = 'invalid' | 'unprocessable' | 'forbidden' | 'not_found' | 'conflict';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A broken business rule. `code` is stable (`COMPLAINT.NOT_ACKNOWLEDGED`) and
 * integrators may branch on it; `message` is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'conflict', details);
  }
  static forbidden(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'forbidden', details);
  }
  static notFound(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'not_found', details);
  }
  static unprocessable(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'unprocessable', details);
  }
  static invalid(code: string, message: string, fields: FieldError[] = []): DomainError {
    return new DomainError(code, message, 'invalid', {}, fields);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
