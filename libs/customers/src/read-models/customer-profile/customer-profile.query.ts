import { Injectable } from '@nestjs/common';
import { DomainError } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { CUSTOMER_PROFILES, CustomerProfileDoc } from './customer-profile.document';
import { normalizeSearch } from './customer-search';
import { CustomerView, toCustomerView } from './customer-profile.view';

export interface CustomerListQuery {
  q?: string;
  segment?: string;
  limit: number;
  cursor?: string | null;
}

/** Reads of the customer file, with the scope rules of API.md "Conventions". */
@Injectable()
export class CustomerProfileQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async get(caller: Principal, customerId: string, asOf?: string): Promise<CustomerView> {
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const doc = await profiles.findOne({ _id: customerId });
    if (!doc) throw DomainError.notFound('CUSTOMER.NOT_FOUND', `customer ${customerId} does not exist`);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return toCustomerView(doc, asOf);
  }

  async list(caller: Principal, query: CustomerListQuery): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
    const scope = await this.scope.readableDealers(caller);
    const filter: Filter = {};
    if (!scope.all) filter.dealerId = { $in: scope.dealerIds };
    if (query.q) filter.search = normalizeSearch(query.q);
    if (query.segment) filter['segment.name'] = query.segment;
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const page = await profiles.findPage(filter, { sort: { _id: 1 }, limit: query.limit, cursor: query.cursor ?? null });
    return { items: page.items.map((d) => toCustomerView(d)), nextCursor: page.nextCursor };
  }
}
