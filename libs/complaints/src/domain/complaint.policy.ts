import { Actor, mayWriteDealerData, Role } from '@aftercare/kernel';
import { ComplaintErrors } from './complaint.errors';

/**
 * Who may do what with a complaint: the one table of DOMAIN.md "Roles" applied to
 * "Complaints". The customer service manager owns complaints; front-line staff
 * (service advisors, callback agents) take them, acknowledge them, keep the customer
 * informed and record the customer's answers; the business supervisor receives
 * escalations and assigns (R-CP-3). `admin` may do everything; the deadline worker
 * (actor `system`) only escalates (R-CP-3). HTTP endpoints admit the same roles.
 */
export const COMPLAINT_POLICY = {
  receive: ['service_advisor', 'callback_agent', 'customer_service_manager'],
  acknowledge: ['customer_service_manager', 'service_advisor', 'callback_agent'],
  sendInterimReply: ['customer_service_manager', 'service_advisor', 'callback_agent'],
  investigate: ['customer_service_manager'],
  proposeSolution: ['customer_service_manager'],
  resolve: ['customer_service_manager'],
  close: ['customer_service_manager'],
  escalate: ['customer_service_manager'],
  assign: ['business_supervisor'],
  recordCustomerAnswer: ['customer_service_manager', 'service_advisor', 'callback_agent'],
  reopen: ['customer_service_manager', 'callback_agent'],
  escalateUnsolved: [],
} as const satisfies Record<string, readonly Role[]>;

export type ComplaintAction = keyof typeof COMPLAINT_POLICY;

/**
 * Actions the system actor takes by itself: the R-CP-3 deadline worker escalates;
 * a dissatisfied R-CP-6 follow-up call reopens (the reaction records the call and
 * the agent in the reason, and the call's event as causation).
 */
const SYSTEM_ACTIONS: readonly ComplaintAction[] = ['escalateUnsolved', 'reopen'];

/** The roles an HTTP endpoint for `action` admits: the table's, plus admin. */
export function rolesFor(action: ComplaintAction): Role[] {
  return [...COMPLAINT_POLICY[action], 'admin'];
}

export function mayDo(action: ComplaintAction, actor: Actor): boolean {
  if (actor.role === 'system') return SYSTEM_ACTIONS.includes(action);
  if (actor.role === 'admin') return true;
  return (COMPLAINT_POLICY[action] as readonly string[]).includes(actor.role);
}

/** Wrong role → AUTH.ROLE_NOT_ALLOWED; another dealer's complaint → AUTH.OUT_OF_SCOPE (both 403). */
export function assertMayDo(action: ComplaintAction, actor: Actor, dealerId: string | null): void {
  if (!mayDo(action, actor)) throw ComplaintErrors.roleNotAllowed(actor.role, action);
  if (!mayWriteDealerData(actor, dealerId)) throw ComplaintErrors.outOfScope(dealerId);
}
