import { DEALER_ROLES, OEM_ROLES, ROLES, Role } from '@aftercare/kernel';
import { allRolesBut, AuthorizationMatrix, EndpointRule } from '@aftercare/platform';
import { complaintRolesFor } from '@aftercare/complaints';
import { callbackRolesFor } from '@aftercare/callbacks';
import { APPROVING_ROLES, GOODWILL_WARRANTY_FLOW, rolesForStep, WAIVER_SIGNING_ROLES } from '@aftercare/claims';

/**
 * WHO MAY CALL WHAT: every endpoint of the API (REST, SSE, GraphQL root fields),
 * the roles it admits and the data scope it applies. The one table the guard
 * (libs/platform/src/auth/auth.guard.ts) enforces; libs/platform/README.md
 * "Authorization matrix" explains it. An endpoint missing here is refused to
 * everyone (403 AUTH.NO_POLICY) and fails test/platform/authorization-matrix.e2e-spec.ts.
 *
 * Roles come from DOMAIN.md "Roles"; where a context owns the rule (who may
 * acknowledge a complaint, who signs which claim step), its own policy list is
 * used, so the endpoint and the decider cannot drift apart.
 *
 * Scope (what ScopeService then checks, 403 AUTH.OUT_OF_SCOPE):
 *   dealer  dealer roles: their dealer; OEM roles: their region's dealers; auditor, integrator, admin: all
 *   own     the caller's own records     all  not dealer data     none  no data (public)
 *
 * Read-only roles: `auditor` reads every business record and never writes;
 * `integrator` subscribes to events (DOMAIN.md "Roles"): the event stream, the
 * catalogue and its own webhooks, nothing else. So an integrator gets 403 on
 * GET /customers and the other business reads: customer files carry personal
 * data, and an integrator learns of customers through the public events.
 * validateMatrix refuses any write entry that admits either (webhooks aside).
 */

/** Every role but integrator: staff reads, within their scope. */
const STAFF: readonly Role[] = allRolesBut('integrator');
/** Dealer staff (and admin) change their dealer's customer files (API.md "Conventions"). */
const DEALER_WRITERS: readonly Role[] = [...DEALER_ROLES, 'admin'];

const publicRule: EndpointRule = { roles: 'public', scope: 'none' };
const staffRead: EndpointRule = { roles: STAFF, scope: 'dealer' };
const dealerWrite: EndpointRule = { roles: DEALER_WRITERS, scope: 'dealer' };
const write = (roles: readonly Role[], note?: string): EndpointRule => ({ roles, scope: 'dealer', ...(note ? { note } : {}) });

const API = '/api/v1';

export const AUTHORIZATION: AuthorizationMatrix = {
  // ── operations and docs (API.md: the only calls without a token) ─────────────
  'GET /health': publicRule,
  'GET /ready': publicRule,
  'GET /metrics': publicRule,
  'GET /docs': publicRule,
  'GET /docs/': publicRule,
  'GET /docs/*': publicRule,
  'GET /docs/index.html': publicRule,
  'GET /docs/LICENSE': publicRule,
  'GET /docs/swagger-ui-init.js': publicRule,
  'GET /docs/docs/swagger-ui-init.js': publicRule,
  'GET /docs-json': publicRule,
  'GET /docs-yaml': publicRule,

  // ── dealers ───────────────────────────────────────────────────────────────────
  [`POST ${API}/dealers`]: { roles: ['admin'], scope: 'all', note: 'API.md: admin only' },
  [`GET ${API}/dealers`]: { ...staffRead, note: 'OEM roles see the dealers of their region' },
  [`GET ${API}/dealers/:dealerId`]: staffRead,

  // ── customers and vehicles ────────────────────────────────────────────────────
  [`POST ${API}/customers`]: write(DEALER_WRITERS, 'dealerId in the body: admin only; else the token\'s'),
  [`GET ${API}/customers`]: { ...staffRead, note: 'not integrator: personal data; integrators follow customers through events' },
  [`GET ${API}/customers/:id`]: staffRead,
  [`POST ${API}/customers/:id/contact-details`]: dealerWrite,
  [`POST ${API}/customers/:id/sensitive-flags`]: dealerWrite,
  [`POST ${API}/customers/:id/contact-preferences`]: dealerWrite,
  [`POST ${API}/customers/:id/referrals`]: dealerWrite,
  [`POST ${API}/customers/:id/vehicles`]: dealerWrite,
  [`POST ${API}/customers/:id/appointments`]: dealerWrite,
  [`DELETE ${API}/customers/:id/personal-data`]: write(['customer_service_manager', 'admin'], 'erasure: the owner of customer care at the dealer'),
  [`GET ${API}/vehicles/:vin`]: staffRead,
  [`GET ${API}/vehicles/:vin/visits/:visitId`]: staffRead,
  [`POST ${API}/vehicles/:vin/visits`]: dealerWrite,
  [`GET ${API}/appointments/:id`]: staffRead,
  [`POST ${API}/appointments/:id/kept`]: dealerWrite,
  [`POST ${API}/appointments/:id/missed`]: dealerWrite,

  // ── complaints (libs/complaints/src/domain/complaint.policy.ts) ───────────────
  [`POST ${API}/complaints`]: write(complaintRolesFor('receive')),
  [`GET ${API}/complaints`]: staffRead,
  [`GET ${API}/complaints/board`]: staffRead,
  [`GET ${API}/complaints/:id`]: staffRead,
  [`POST ${API}/complaints/:id/acknowledgement`]: write(complaintRolesFor('acknowledge'), 'R-CP-1'),
  [`POST ${API}/complaints/:id/interim-replies`]: write(complaintRolesFor('sendInterimReply'), 'R-CP-2'),
  [`POST ${API}/complaints/:id/assignment`]: write(complaintRolesFor('assign'), 'R-CP-3'),
  [`POST ${API}/complaints/:id/escalation`]: write(complaintRolesFor('escalate'), 'R-CP-3'),
  [`POST ${API}/complaints/:id/investigation`]: write(complaintRolesFor('investigate'), 'R-CP-5'),
  [`POST ${API}/complaints/:id/solutions`]: write(complaintRolesFor('proposeSolution')),
  [`POST ${API}/complaints/:id/solutions/:n/acceptance`]: write(complaintRolesFor('recordCustomerAnswer')),
  [`POST ${API}/complaints/:id/solutions/:n/rejection`]: write(complaintRolesFor('recordCustomerAnswer')),
  [`POST ${API}/complaints/:id/resolution`]: write(complaintRolesFor('resolve')),
  [`POST ${API}/complaints/:id/closure`]: write(complaintRolesFor('close'), 'R-CP-6'),
  [`POST ${API}/complaints/:id/reopening`]: write(complaintRolesFor('reopen'), 'R-CP-6'),

  // ── callbacks (libs/callbacks/src/domain/callback.policy.ts) ──────────────────
  [`GET ${API}/callbacks/queue`]: staffRead,
  [`GET ${API}/callbacks/:id`]: staffRead,
  [`POST ${API}/callbacks`]: write(callbackRolesFor('schedule')),
  [`POST ${API}/callbacks/:id/claim`]: write(callbackRolesFor('work'), 'R-CB-11'),
  [`POST ${API}/callbacks/:id/attempts`]: write(callbackRolesFor('work'), 'R-CB-12'),
  [`POST ${API}/care-events`]: write(callbackRolesFor('announceEvent'), 'R-CB-10'),
  [`GET ${API}/care-events/:id`]: staffRead,
  [`GET ${API}/care-plans/:customerId`]: staffRead,
  [`GET ${API}/reports/callbacks`]: { ...staffRead, note: 'R-CB-13' },
  [`GET ${API}/reports/callbacks/daily.csv`]: staffRead,
  [`GET ${API}/reports/csi`]: staffRead,

  // ── claims (libs/claims/src/domain/claim.flows.ts: who signs which step) ──────
  [`GET ${API}/claims`]: staffRead,
  [`GET ${API}/claims/worklist`]: staffRead,
  [`GET ${API}/claims/:id`]: staffRead,
  [`GET ${API}/claims/costs`]: { roles: [...OEM_ROLES, 'admin', 'auditor'], scope: 'dealer', note: 'OEM figures: their region' },
  [`POST ${API}/claims/goodwill-compensation`]: write(['service_director'], 'R-GC-2'),
  [`POST ${API}/claims/goodwill-warranty`]: write(GOODWILL_WARRANTY_FLOW.steps[0].roles, 'R-GW-1'),
  [`POST ${API}/claims/:id/approvals`]: write(APPROVING_ROLES, 'R-GC-2 / R-GW-2: the step follows from the claim and the role'),
  [`POST ${API}/claims/:id/revision`]: write(['service_director']),
  [`POST ${API}/claims/:id/waiver`]: write(WAIVER_SIGNING_ROLES, 'R-GC-1'),
  [`POST ${API}/claims/:id/waiver/confirmation`]: write(['oem_after_sales'], 'R-GC-1'),
  [`POST ${API}/claims/:id/advance-payment`]: write(['service_director']),
  [`POST ${API}/claims/:id/vehicle-verification`]: write(['field_service_rep'], 'R-GW-2'),
  [`POST ${API}/claims/:id/technical-assessment`]: write(['field_technical_manager'], 'R-GW-1'),
  [`POST ${API}/claims/:id/approval-form`]: write(['service_director'], 'R-GW-2'),
  [`POST ${API}/claims/:id/archive`]: write(rolesForStep('archive'), 'R-GC-3 / R-GW-2'),
  [`POST ${API}/claims/:id/materials/request`]: write(['regional_service_manager'], 'R-GC-3'),
  [`POST ${API}/claims/:id/materials`]: write(['service_director'], 'R-GC-3'),
  [`POST ${API}/claims/:id/result-notification`]: write(['field_technical_manager'], 'R-GW-2'),
  [`POST ${API}/claims/:id/settlement`]: write(rolesForStep('settlement'), 'R-GC-3 / R-GW-2'),

  // ── membership (owners' club) ─────────────────────────────────────────────────
  [`POST ${API}/members`]: dealerWrite,
  [`GET ${API}/members`]: staffRead,
  [`GET ${API}/members/:id`]: staffRead,
  [`POST ${API}/members/:id/redemptions`]: dealerWrite,
  [`POST ${API}/members/:id/benefit-uses`]: dealerWrite,
  [`POST ${API}/members/:id/activities`]: dealerWrite,
  [`POST ${API}/members/:id/interests`]: dealerWrite,
  [`DELETE ${API}/members/:id`]: dealerWrite,
  [`POST ${API}/members/:id/tier-review`]: write(['admin'], 'API.md: (admin) recompute now'),

  // ── segmentation ──────────────────────────────────────────────────────────────
  [`GET ${API}/segments/:segment/customers`]: staffRead,
  [`GET ${API}/customers/:id/segment`]: staffRead,
  [`POST ${API}/segments/evaluations`]: { roles: ['admin'], scope: 'all', note: 'recompute every segment now; normally automatic' },

  // ── audit: every role but integrator, within its scope ───────────────────────
  [`GET ${API}/audit/events`]: staffRead,
  [`GET ${API}/audit/streams/:streamId/events`]: staffRead,
  [`GET ${API}/audit/verify`]: { ...staffRead, note: 'the whole log: roles that read every dealer' },
  [`GET ${API}/audit/:kind/:id/as-of`]: staffRead,

  // ── integration: events for everyone in scope, webhooks for integrators ──────
  [`GET ${API}/events/catalogue`]: { roles: ROLES, scope: 'all' },
  [`GET ${API}/events/stream`]: { roles: ROLES, scope: 'dealer', note: 'SSE' },
  [`POST ${API}/webhooks`]: { roles: ['integrator', 'admin'], scope: 'own' },
  [`GET ${API}/webhooks`]: { roles: ['integrator', 'admin'], scope: 'own' },
  [`GET ${API}/webhooks/:id`]: { roles: ['integrator', 'admin'], scope: 'own' },
  [`DELETE ${API}/webhooks/:id`]: { roles: ['integrator', 'admin'], scope: 'own' },
  [`GET ${API}/webhooks/:id/deliveries`]: { roles: ['integrator', 'admin'], scope: 'own' },
  [`POST ${API}/webhooks/:id/replay`]: { roles: ['integrator', 'admin'], scope: 'own' },

  // ── GraphQL root fields (POST|GET /graphql; the same rules as their REST twins) ──
  'Query.me': { roles: ROLES, scope: 'own' },
  'Query.dealers': staffRead,
  'Query.dealer': staffRead,
  'Query.customer': staffRead,
  'Query.customers': staffRead,
  'Query.complaint': staffRead,
  'Query.complaints': staffRead,
  'Query.complaintBoard': staffRead,
  'Query.callback': staffRead,
  'Query.callbackQueue': staffRead,
  'Query.callbackReport': staffRead,
  'Query.csiReport': staffRead,
  'Query.claim': staffRead,
  'Query.claims': staffRead,
  'Query.claimWorklist': staffRead,
  'Query.claimCosts': { roles: [...OEM_ROLES, 'admin', 'auditor'], scope: 'dealer' },
  'Query.member': staffRead,
  'Query.members': staffRead,
  'Query.segment': staffRead,
  'Subscription.events': { roles: ROLES, scope: 'dealer', note: 'the websocket twin of GET /events/stream; token in connection_init' },
};
