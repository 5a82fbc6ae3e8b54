import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { claimStream } from '../../domain/claim.stream';
import { ClaimErrors } from '../../domain/claim.errors';
import type { ClaimStatus, ClaimType } from '../../domain/claim.flows';
import { CLAIM_DETAILS, ClaimDetailsDoc } from './claim-details.document';
import { evolveClaimDetails } from './claim-details.reducer';
import { ClaimView, toClaimView } from './claim-details.view';

export interface ClaimListQuery {
  type?: ClaimType;
  status?: ClaimStatus;
  limit: number;
  cursor?: string | null;
}

/** Reads of claims with the scope rules of API.md "Conventions" (dealer roles: their dealer; OEM roles: their region). */
@Injectable()
export class ClaimDetailsQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /**
   * Without asOf: the read model. With asOf: the claim exactly as it had been
   * recorded by that instant (claim steps are recorded as they happen, so that is a
   * prefix of the stream), folded with the projection's own reducer.
   */
  async get(caller: Principal, claimId: string, asOf?: string): Promise<ClaimView> {
    const doc = asOf ? await this.foldAsOf(claimId, asOf) : await this.readModels.collection<ClaimDetailsDoc>(CLAIM_DETAILS).findOne({ _id: claimId });
    if (!doc) throw ClaimErrors.notFound(claimId);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return toClaimView(doc);
  }

  async list(caller: Principal, query: ClaimListQuery): Promise<{ items: ClaimView[]; nextCursor: string | null }> {
    const scope = await this.scope.readableDealers(caller);
    if (!scope.all && scope.dealerIds.length === 0) return { items: [], nextCursor: null };
    const filter: Filter = {};
    if (!scope.all) filter.dealerId = scope.dealerIds.length === 1 ? scope.dealerIds[0] : { $in: scope.dealerIds };
    if (query.type) filter.type = query.type;
    if (query.status) filter.status = query.status;
    const page = await this.readModels.collection<ClaimDetailsDoc>(CLAIM_DETAILS).findPage(filter, { sort: { _id: 1 }, limit: query.limit, cursor: query.cursor ?? null });
    return { items: page.items.map(toClaimView), nextCursor: page.nextCursor };
  }

  private async foldAsOf(claimId: string, asOf: string): Promise<ClaimDetailsDoc | null> {
    let doc: ClaimDetailsDoc | null = null;
    for (const event of await this.events.readStream(claimStream(claimId))) {
      if (event.metadata.recordedAt > asOf) break;
      doc = evolveClaimDetails(doc, event);
    }
    return doc;
  }
}
