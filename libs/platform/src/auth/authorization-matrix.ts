import type { DomainError, Role } from '@aftercare/kernel';
import { ROLES } from '@aftercare/kernel';
import { AuthErrors } from './auth.errors';

/**
 * Who may call what: role × endpoint × scope, in one table.
 *
 * The table itself is apps/api/src/authorization-matrix.ts (the composition root:
 * it may use the contexts' own role lists, which the platform may not import).
 * The platform owns its shape, its invariants (validateMatrix) and its one point
 * of enforcement (AuthGuard, through checkAccess) for REST, SSE and GraphQL.
 *
 * Keys:
 * - REST and SSE: `METHOD /route/pattern` exactly as Fastify registers it,
 *   e.g. `POST /api/v1/complaints/:id/acknowledgement`.
 * - GraphQL: `Query.<field>`, `Mutation.<field>`, `Subscription.<field>` (root fields).
 *
 * An endpoint without an entry is refused to everyone (`403 AUTH.NO_POLICY`), and
 * test/platform/authorization-matrix.e2e-spec.ts fails for it: a new endpoint is
 * not callable until someone decides who may call it.
 */
export type AuthorizationMatrix = Readonly<Record<string, EndpointRule>>;

export interface EndpointRule {
  /** The roles admitted (before data scope), or `public` (no token: /health, /ready, /metrics, /docs). */
  roles: readonly Role[] | 'public';
  /** Which records, once admitted (checked where the record's dealer is known, by ScopeService). */
  scope: EndpointScope;
  /** Why, when the rule is not obvious (DOMAIN.md / API.md reference). */
  note?: string;
}

/**
 * - `none`: no data (ops endpoints, docs).
 * - `dealer`: records of one dealer. Dealer roles: their dealer only; OEM roles:
 *   the dealers of their region; auditor, integrator, admin: every dealer
 *   (ScopeService.assertCanRead/assertCanWrite/readableDealers, `403 AUTH.OUT_OF_SCOPE`).
 * - `own`: the caller's own records (its webhooks, `me`).
 * - `all`: not dealer data (the event catalogue, audit, the dealer registry's writes).
 */
export type EndpointScope = 'none' | 'dealer' | 'own' | 'all';

export const AUTHORIZATION_MATRIX = Symbol('AuthorizationMatrix');

/** API.md: `auditor` and `integrator` never write. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'integrator'];

/**
 * The one exception to "integrators never write": an integrator manages its own
 * webhook subscriptions (API.md "Audit and integration"). They change no business
 * record and append no domain event. validateMatrix refuses any other write entry
 * that lists a read-only role.
 */
export const INTEGRATOR_WRITE_ENDPOINTS: readonly string[] = [
  'POST /api/v1/webhooks',
  'DELETE /api/v1/webhooks/:id',
  'POST /api/v1/webhooks/:id/replay',
];

/** Every role but the given ones: for "any staff" entries. */
export function allRolesBut(...excluded: Role[]): Role[] {
  return ROLES.filter((role) => !excluded.includes(role));
}

/** True for `POST /…`, `DELETE /…`, … and `Mutation.…`: what read-only roles may never call. */
export function isWriteKey(key: string): boolean {
  if (key.startsWith('Mutation.')) return true;
  if (key.startsWith('Query.') || key.startsWith('Subscription.')) return false;
  const method = key.slice(0, key.indexOf(' '));
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * The table's invariants, checked when the API host boots and by the unit spec:
 * keys are well formed, roles exist, and no write admits `auditor`, nor
 * `integrator` outside its webhooks (API.md "Conventions").
 */
export function validateMatrix(matrix: AuthorizationMatrix): string[] {
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(matrix)) {
    if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/.test(key) && !/^(Query|Mutation|Subscription)\.\w+$/.test(key)) {
      problems.push(`${key}: a key is "METHOD /path" or "Query|Mutation|Subscription.field"`);
    }
    if (rule.roles === 'public') {
      if (rule.scope !== 'none') problems.push(`${key}: a public endpoint serves no data scope`);
      continue;
    }
    for (const role of rule.roles) if (!ROLES.includes(role)) problems.push(`${key}: unknown role ${role}`);
    if (isWriteKey(key)) {
      if (rule.roles.includes('auditor')) problems.push(`${key}: auditor never writes`);
      if (rule.roles.includes('integrator') && !INTEGRATOR_WRITE_ENDPOINTS.includes(key)) problems.push(`${key}: integrator never writes but its webhooks`);
    }
  }
  return problems;
}

/**
 * The decision for one call (before data scope). `role` is null when the caller
 * has not been authenticated yet: the guard only needs to know whether a token is
 * required. Returns the error to throw, or null when the call may go on.
 */
export function checkAccess(matrix: AuthorizationMatrix, key: string, role: Role): DomainError | null {
  const rule = matrix[key];
  if (!rule) return AuthErrors.noPolicy(key);
  if (rule.roles === 'public' || rule.roles.includes(role)) return null;
  if (READ_ONLY_ROLES.includes(role) && isWriteKey(key)) return AuthErrors.readOnlyRole(role);
  return AuthErrors.roleNotAllowed(role);
}

export function isPublic(matrix: AuthorizationMatrix, key: string): boolean {
  return matrix[key]?.roles === 'public';
}
