import { Actor, mayWriteDealerData, Role } from '@aftercare/kernel';
import { CallbackErrors } from './callback.errors';

/**
 * Who may do what with callbacks (DOMAIN.md "Roles"): callback agents work the
 * queue, service advisors work the calls routed to them (R-CB-11), the customer
 * service manager may do either; managers announce club and service events
 * (R-CB-10). The scheduler (actor `system`) plans, moves and withdraws calls.
 * `admin` may do everything. HTTP endpoints admit the same roles.
 */
export const CALLBACK_POLICY = {
  schedule: ['callback_agent', 'service_advisor', 'customer_service_manager', 'business_supervisor'],
  work: ['callback_agent', 'service_advisor', 'customer_service_manager'],
  announceEvent: ['customer_service_manager', 'business_supervisor', 'dealer_general_manager'],
} as const satisfies Record<string, readonly Role[]>;

export type CallbackAction = keyof typeof CALLBACK_POLICY;

/** The roles an HTTP endpoint for `action` admits: the table's, plus admin. */
export function callbackRolesFor(action: CallbackAction): Role[] {
  return [...CALLBACK_POLICY[action], 'admin'];
}

/** Wrong role → AUTH.ROLE_NOT_ALLOWED; another dealer's callback → AUTH.OUT_OF_SCOPE (both 403). */
export function assertMayDo(action: CallbackAction, actor: Actor, dealerId: string | null): void {
  const allowed = actor.role === 'admin' || actor.role === 'system' || (CALLBACK_POLICY[action] as readonly string[]).includes(actor.role);
  if (!allowed) throw CallbackErrors.roleNotAllowed(actor.role, action);
  if (!mayWriteDealerData(actor, dealerId)) throw CallbackErrors.outOfScope(dealerId);
}
