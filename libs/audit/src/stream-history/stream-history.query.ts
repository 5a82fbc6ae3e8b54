import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { DEFAULT_PAGE_SIZE, Principal, ScopeService } from '@aftercare/platform';
import { AuditEventView, toAuditEventView } from '../audit-event.view';

export interface StreamHistoryPage {
  streamId: string;
  items: AuditEventView[];
  /** The `from` of the next page (a revision, as a string like every cursor), null on the last page. */
  nextCursor: string | null;
}

/** GET /audit/streams/{streamId}/events: a stream's history, envelope and all, read from the event store itself. */
@Injectable()
export class StreamHistoryQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly scope: ScopeService,
  ) {}

  async page(caller: Principal, streamId: string, from = 0, limit = DEFAULT_PAGE_SIZE): Promise<StreamHistoryPage> {
    await this.assertCanRead(caller, streamId);
    const events = await this.events.readStream(streamId, { from, limit: limit + 1 });
    const items = events.slice(0, limit).map((e) => toAuditEventView(e, caller.role));
    return { streamId, items, nextCursor: events.length > limit ? String(events[limit].revision) : null };
  }

  /** A stream belongs to the dealer of its first event; OEM-wide streams to the roles that read everything. */
  async assertCanRead(caller: Principal, streamId: string): Promise<void> {
    const [first] = await this.events.readStream(streamId, { limit: 1 });
    if (!first) throw DomainError.notFound('AUDIT.STREAM_NOT_FOUND', `stream ${streamId} does not exist`);
    const dealerId = first.metadata.dealerId;
    if (dealerId) await this.scope.assertCanRead(caller, dealerId);
    else await this.assertReadsEverything(caller, `stream ${streamId} belongs to no dealer`);
  }

  async assertReadsEverything(caller: Principal, why: string): Promise<void> {
    if (!(await this.scope.readableDealers(caller)).all) throw DomainError.forbidden('AUTH.OUT_OF_SCOPE', why);
  }
}
