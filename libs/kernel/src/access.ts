import type { Actor } from './roles';
import { isDealerRole } from './roles';

/**
 * API.md "Conventions": dealer roles change only their own dealer's data; admin may
 * change any; OEM roles, auditors and integrators never write dealer-owned records
 * unless a context's own rules grant a step (claims sign-offs check roles in the domain).
 */
export function mayWriteDealerData(actor: Actor, dealerId: string | null): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  return isDealerRole(actor.role) && !!dealerId && actor.dealerId === dealerId;
}
