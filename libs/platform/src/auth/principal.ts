import type { Actor, Role } from '@aftercare/kernel';

/** The caller, as its verified bearer token says (API.md "Conventions"). */
export interface Principal {
  /** Person (or system) id: the token's `sub`. */
  sub: string;
  role: Role;
  /** Set for dealer roles only. */
  dealerId: string | null;
  /** Set for OEM roles only. */
  region: string | null;
  /** Expiry in epoch seconds, when the token has one. */
  exp: number | null;
}

/** The actor every event of this caller's commands records (ARCHITECTURE.md "Event envelope"). */
export function actorOf(principal: Principal): Actor {
  return { id: principal.sub, role: principal.role, dealerId: principal.dealerId, region: principal.region };
}
