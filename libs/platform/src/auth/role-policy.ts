import type { DomainError, Role } from '@aftercare/kernel';
import { AuthErrors } from './auth.errors';

/** API.md: `auditor` and `integrator` never write. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'integrator'];

/**
 * Which roles may call an endpoint, before any data scope is looked at.
 * - An endpoint marked @Roles(...) admits exactly those roles.
 * - An unmarked endpoint admits every role but `integrator`, who reads events
 *   only (DOMAIN.md "Roles": integrators subscribe to event streams), so an
 *   endpoint serving events must list it.
 * - Whatever the marking, a read-only role is refused on a write.
 * Returns the error to throw, or null when the call may go on.
 */
export function checkRole(role: Role, allowed: readonly Role[] | undefined, isWrite: boolean): DomainError | null {
  if (isWrite && READ_ONLY_ROLES.includes(role)) return AuthErrors.readOnlyRole(role);
  if (allowed === undefined) return role === 'integrator' ? AuthErrors.roleNotAllowed(role) : null;
  return allowed.includes(role) ? null : AuthErrors.roleNotAllowed(role);
}
