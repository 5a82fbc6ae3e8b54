import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, isDealerRole, isOemRole, MS_PER_DAY, Role } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { AuthErrors, Principal } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { CLAIM_WORKLIST, ClaimWorkItemDoc } from './claim-worklist.document';

export interface ClaimWorkItemView extends Omit<ClaimWorkItemDoc, '_id'> {
  /** How long it has waited at asOf. */
  ageHours: number;
  ageDays: number;
}

export interface ClaimWorklistQueryInput {
  role?: Role;
  asOf?: string;
  limit: number;
  cursor?: string | null;
}

/**
 * "What waits for me", oldest first. The role is the caller's (a role may only see
 * its own list; admin and auditor may look at any role's). Dealer roles see their
 * dealer's claims, OEM roles their region's: the claim's region is fixed when it is
 * opened, so the items carry it and no dealer lookup is needed.
 */
@Injectable()
export class ClaimWorklistQuery {
  constructor(private readonly readModels: ReadModels, @Inject(CLOCK) private readonly clock: Clock) {}

  async list(caller: Principal, query: ClaimWorklistQueryInput): Promise<{ role: Role; asOf: string; items: ClaimWorkItemView[]; nextCursor: string | null }> {
    const overseer = caller.role === 'admin' || caller.role === 'auditor';
    const role = query.role ?? caller.role;
    if (role !== caller.role && !overseer) throw AuthErrors.roleNotAllowed(caller.role);
    const filter: Filter = { role };
    if (!overseer) {
      if (isDealerRole(caller.role)) filter.dealerId = caller.dealerId ?? '';
      else if (isOemRole(caller.role)) filter.region = caller.region ?? '';
      else throw AuthErrors.roleNotAllowed(caller.role);
    }
    const asOf = query.asOf ?? this.clock.now().toISOString();
    const page = await this.readModels.collection<ClaimWorkItemDoc>(CLAIM_WORKLIST).findPage(filter, { sort: { since: 1 }, limit: query.limit, cursor: query.cursor ?? null });
    const now = Date.parse(asOf);
    const items = page.items.map(({ _id, ...item }) => {
      void _id;
      const ms = Math.max(0, now - Date.parse(item.since));
      return { ...item, ageHours: Math.round((ms / 3_600_000) * 10) / 10, ageDays: Math.floor(ms / MS_PER_DAY) };
    });
    return { role, asOf, items, nextCursor: page.nextCursor };
  }
}
