import { Inject, Injectable } from '@nestjs/common';
import { isDealerRole, isOemRole } from '@aftercare/kernel';
import type { Principal } from './principal';
import { DEALER_DIRECTORY, DealerDirectory } from './dealer-directory.port';
import { AuthErrors } from './auth.errors';
import { READ_ONLY_ROLES } from './authorization-matrix';

/** Which dealers' data a principal may read: every dealer, or a list. */
export type DealerScope = { all: true } | { all: false; dealerIds: string[] };

/**
 * "May this principal see / change data of dealer X" (API.md "Conventions"):
 * dealer roles their own dealer only; OEM roles the dealers of their region (from
 * the dealers registry); auditor and integrator read everything and never write;
 * admin everything.
 */
@Injectable()
export class ScopeService {
  constructor(@Inject(DEALER_DIRECTORY) private readonly dealers: DealerDirectory) {}

  async canRead(principal: Principal, dealerId: string): Promise<boolean> {
    if (principal.role === 'admin' || READ_ONLY_ROLES.includes(principal.role)) return true;
    return this.inOwnScope(principal, dealerId);
  }

  async canWrite(principal: Principal, dealerId: string): Promise<boolean> {
    if (READ_ONLY_ROLES.includes(principal.role)) return false;
    if (principal.role === 'admin') return true;
    return this.inOwnScope(principal, dealerId);
  }

  /** Throws AUTH.OUT_OF_SCOPE (403). */
  async assertCanRead(principal: Principal, dealerId: string): Promise<void> {
    if (!(await this.canRead(principal, dealerId))) throw AuthErrors.outOfScope(dealerId);
  }

  /** Throws AUTH.READ_ONLY_ROLE or AUTH.OUT_OF_SCOPE (403). */
  async assertCanWrite(principal: Principal, dealerId: string): Promise<void> {
    if (READ_ONLY_ROLES.includes(principal.role)) throw AuthErrors.readOnlyRole(principal.role);
    if (!(await this.canWrite(principal, dealerId))) throw AuthErrors.outOfScope(dealerId);
  }

  /** For list queries: filter on `dealerId $in dealerIds` unless `all`. */
  async readableDealers(principal: Principal): Promise<DealerScope> {
    if (principal.role === 'admin' || READ_ONLY_ROLES.includes(principal.role)) return { all: true };
    if (isDealerRole(principal.role)) return { all: false, dealerIds: principal.dealerId ? [principal.dealerId] : [] };
    if (isOemRole(principal.role) && principal.region) return { all: false, dealerIds: await this.dealers.dealersInRegion(principal.region) };
    return { all: false, dealerIds: [] };
  }

  private async inOwnScope(principal: Principal, dealerId: string): Promise<boolean> {
    if (isDealerRole(principal.role)) return principal.dealerId === dealerId;
    if (isOemRole(principal.role)) return principal.region !== null && (await this.dealers.regionOf(dealerId)) === principal.region;
    return false;
  }
}
