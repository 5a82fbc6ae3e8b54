import type { DomainError, Role } from '@aftercare/kernel';
import { AuthErrors } from './auth.errors';

/** API.md: `auditor` and `integrator` never write. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'integrator'];

/**
 * The one exception to "integrators never write": an integrator manages its own
 * webhook subscriptions (API.md "Audit and integration": POST · GET · DELETE
 * /webhooks). These calls change no business record and append no domain event;
 * they only say where to push the public events the integrator may already read
 * from /events/stream, and replay what it missed. Every other write stays refused,
 * so this list names the exact endpoints (`METHOD route pattern`), not a role-wide
 * rule; each endpoint still lists the roles it admits with @Roles.
 * `auditor` has no such exception.
 */
export const INTEGRATOR_WRITE_ENDPOINTS: readonly string[] = [
  'POST /api/v1/webhooks',
  'DELETE /api/v1/webhooks/:id',
  'POST /api/v1/webhooks/:id/replay',
];

/**
 * Which roles may call an endpoint, before any data scope is looked at.
 * - An endpoint marked @Roles(...) admits exactly those roles.
 * - An unmarked endpoint admits every role but `integrator`, who reads events
 *   only (DOMAIN.md "Roles": integrators subscribe to event streams), so an
 *   endpoint serving events must list it.
 * - Whatever the marking, a read-only role is refused on a write, but for the
 *   integrator's INTEGRATOR_WRITE_ENDPOINTS (`endpoint`: `METHOD route pattern`).
 * Returns the error to throw, or null when the call may go on.
 */
export function checkRole(role: Role, allowed: readonly Role[] | undefined, isWrite: boolean, endpoint?: string): DomainError | null {
  const excepted = role === 'integrator' && endpoint !== undefined && INTEGRATOR_WRITE_ENDPOINTS.includes(endpoint);
  if (isWrite && READ_ONLY_ROLES.includes(role) && !excepted) return AuthErrors.readOnlyRole(role);
  if (allowed === undefined) return role === 'integrator' ? AuthErrors.roleNotAllowed(role) : null;
  return allowed.includes(role) ? null : AuthErrors.roleNotAllowed(role);
}
