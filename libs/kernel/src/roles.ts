// Roles of DOMAIN.md "Roles"; the stable strings API.md puts in the token's `role` claim.
export const DEALER_ROLES = [
  'service_advisor',
  'callback_agent',
  'customer_service_manager',
  'business_supervisor',
  'service_director',
  'dealer_general_manager',
] as const;

export const OEM_ROLES = [
  'oem_after_sales',
  'field_service_rep',
  'field_technical_manager',
  'regional_service_manager',
  'oem_general_manager',
  'product_liability',
  'oem_leadership',
  'claims_staff',
] as const;

export const OTHER_ROLES = ['auditor', 'integrator', 'admin'] as const;

export type DealerRole = (typeof DEALER_ROLES)[number];
export type OemRole = (typeof OEM_ROLES)[number];
export type Role = DealerRole | OemRole | (typeof OTHER_ROLES)[number];
export const ROLES: readonly Role[] = [...DEALER_ROLES, ...OEM_ROLES, ...OTHER_ROLES];

export function isDealerRole(role: string): role is DealerRole {
  return (DEALER_ROLES as readonly string[]).includes(role);
}
export function isOemRole(role: string): role is OemRole {
  return (OEM_ROLES as readonly string[]).includes(role);
}
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Who did something: a person with a role, or the system itself (reactions, deadline workers). */
export interface Actor {
  id: string;
  role: Role | 'system';
  dealerId?: string | null;
  region?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', dealerId: null };
