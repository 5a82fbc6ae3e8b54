import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { DEFAULT_PAGE_SIZE, Principal, ScopeService } from '@aftercare/platform';
import { READ_STORE, ReadStore, type Filter } from '@aftercare/read-store';
import { AUDIT_TRAIL, AuditTrailDoc } from './audit-trail.document';
import { AuditEventView, toAuditEventView } from '../audit-event.view';

export interface AuditTrailQueryInput {
  /** recordedAt bounds (ISO 8601), inclusive. */
  from?: string;
  to?: string;
  type?: string;
  actorId?: string;
  dealerId?: string;
  cursor?: string | null;
  limit?: number;
}

/** GET /audit/events: the log filtered by time, type, actor and dealer, in log order, with the full envelopes. */
@Injectable()
export class AuditTrailQuery {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly scope: ScopeService,
  ) {}

  async page(caller: Principal, input: AuditTrailQueryInput): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
    const filter: Filter = {};
    const scope = await this.scope.readableDealers(caller);
    if (input.dealerId) {
      if (!scope.all) await this.scope.assertCanRead(caller, input.dealerId);
      filter.dealerId = input.dealerId;
    } else if (!scope.all) {
      if (scope.dealerIds.length === 0) return { items: [], nextCursor: null };
      filter.dealerId = { $in: scope.dealerIds };
    }
    if (input.type) filter.type = input.type;
    if (input.actorId) filter.actorId = input.actorId;
    if (input.from || input.to) filter.recordedAt = { ...(input.from ? { $gte: input.from } : {}), ...(input.to ? { $lte: input.to } : {}) };
    const page = await this.readStore
      .collection<AuditTrailDoc>(AUDIT_TRAIL)
      .findPage(filter, { sort: { _id: 1 }, limit: input.limit ?? DEFAULT_PAGE_SIZE, cursor: input.cursor ?? null });
    // The trail indexes; the envelope itself is read from the log, the one source of truth.
    const items: AuditEventView[] = [];
    for (const doc of page.items) {
      const [event] = await this.events.readStream(doc.streamId, { from: doc.revision, limit: 1 });
      if (event) items.push(toAuditEventView(event, caller.role));
    }
    return { items, nextCursor: page.nextCursor };
  }
}
