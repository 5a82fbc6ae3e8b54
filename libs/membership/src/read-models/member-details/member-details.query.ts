import { Injectable } from '@nestjs/common';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { MemberErrors } from '../../domain/member.errors';
import { MEMBER_DETAILS, MemberDetailsDoc } from './member-details.document';
import { MemberView, toMemberView } from './member-details.view';

export interface MemberListQuery {
  customerId?: string;
  limit: number;
  cursor?: string | null;
}

/** Reads of memberships with the scope rules of API.md "Conventions" (dealer roles: their dealer; OEM roles: their region). */
@Injectable()
export class MemberDetailsQuery {
  constructor(private readonly readModels: ReadModels, private readonly scope: ScopeService) {}

  async get(caller: Principal, memberId: string): Promise<MemberView> {
    const doc = await this.readModels.collection<MemberDetailsDoc>(MEMBER_DETAILS).findOne({ _id: memberId });
    if (!doc) throw MemberErrors.notFound(memberId);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return toMemberView(doc);
  }

  async list(caller: Principal, query: MemberListQuery): Promise<{ items: MemberView[]; nextCursor: string | null }> {
    const scope = await this.scope.readableDealers(caller);
    if (!scope.all && scope.dealerIds.length === 0) return { items: [], nextCursor: null };
    const filter: Filter = {};
    if (!scope.all) filter.dealerId = scope.dealerIds.length === 1 ? scope.dealerIds[0] : { $in: scope.dealerIds };
    if (query.customerId) filter.customerId = query.customerId;
    const page = await this.readModels.collection<MemberDetailsDoc>(MEMBER_DETAILS).findPage(filter, { sort: { _id: 1 }, limit: query.limit, cursor: query.cursor ?? null });
    return { items: page.items.map(toMemberView), nextCursor: page.nextCursor };
  }
}
