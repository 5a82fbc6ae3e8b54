import { DomainError } from '@aftercare/kernel';

/** No token, a bad signature, an expired or malformed token: HTTP 401. */
export class UnauthenticatedError extends Error {
  constructor(
    readonly code: 'AUTH.TOKEN_MISSING' | 'AUTH.TOKEN_INVALID' | 'AUTH.TOKEN_EXPIRED',
    message: string,
  ) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Forbidden outcomes share codes so clients can tell role problems from scope problems. */
export const AuthErrors = {
  roleNotAllowed: (role: string) => DomainError.forbidden('AUTH.ROLE_NOT_ALLOWED', `the role ${role} may not do this`),
  readOnlyRole: (role: string) => DomainError.forbidden('AUTH.READ_ONLY_ROLE', `the role ${role} never writes`),
  outOfScope: (dealerId: string) => DomainError.forbidden('AUTH.OUT_OF_SCOPE', `dealer ${dealerId} is outside your scope`),
  /** The endpoint has no entry in the authorization matrix: refused to everyone until one is written. */
  noPolicy: (endpoint: string) => DomainError.forbidden('AUTH.NO_POLICY', `no authorization rule covers ${endpoint}`),
};
