import { Injectable } from '@nestjs/common';
import { isDealerRole, isOemRole } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { DEFAULT_PAGE_SIZE, pageOf, Principal, ScopeService } from '@aftercare/platform';
import type { Filter, Page } from '@aftercare/read-store';
import { DealerDirectoryService } from '../../dealer-directory/dealer-directory.service';
import { DealerErrors } from '../../domain/dealer.errors';
import { DEALERS, DealerDoc, DealerView, toDealerView } from './dealer.view';

export interface DealerListQuery {
  region?: string;
  limit?: number;
  cursor?: string;
}

/**
 * API.md "Dealers": OEM roles see the dealers of their region, dealer roles their
 * own dealer, admin and auditor every dealer.
 */
@Injectable()
export class DealersQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly directory: DealerDirectoryService,
    private readonly scope: ScopeService,
  ) {}

  async get(caller: Principal, dealerId: string): Promise<DealerView> {
    const dealer = await this.directory.find(dealerId);
    if (!dealer) throw DealerErrors.notFound(dealerId);
    await this.scope.assertCanRead(caller, dealerId);
    return dealer;
  }

  async list(caller: Principal, query: DealerListQuery): Promise<Page<DealerView>> {
    const filter: Filter = {};
    if (query.region !== undefined) filter.region = query.region;
    if (isOemRole(caller.role)) filter.region = query.region === undefined || query.region === caller.region ? caller.region : { $in: [] };
    else if (isDealerRole(caller.role)) filter._id = caller.dealerId;
    const dealers = await this.readModels.collection<DealerDoc>(DEALERS);
    return pageOf(dealers, filter, { limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor }, { sort: { _id: 1 }, map: toDealerView });
  }
}
