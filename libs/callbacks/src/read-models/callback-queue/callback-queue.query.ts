import { Inject, Injectable } from '@nestjs/common';
import { CallbackType, CLOCK, Clock } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { DEFAULT_PAGE_SIZE, Principal, ScopeService } from '@aftercare/platform';
import type { Filter, Page } from '@aftercare/read-store';
import { CallbackErrors } from '../../domain/callback.errors';
import { CALLBACK_QUEUE, CallbackDoc, dayOf } from './callback-queue.document';
import { CallbackView, toCallbackView } from './callback.view';

export interface QueueQuery {
  agentId?: string;
  type?: CallbackType;
  /** Due on or before this instant; default now. */
  asOf?: string;
  dealerId?: string;
  limit?: number;
  cursor?: string | null;
}

/** R-CB-11: due date first, then priority (complaint follow-ups, then sensitive customers), then the due instant. */
export const QUEUE_SORT = { dueDay: 1, priorityRank: 1, dueAt: 1 } as const;

/** Reads of callbacks, with the scope rules of API.md "Conventions". */
@Injectable()
export class CallbackQueueQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(caller: Principal, callbackId: string): Promise<CallbackView> {
    const doc = await this.readModels.collection<CallbackDoc>(CALLBACK_QUEUE).findOne({ _id: callbackId });
    if (!doc) throw CallbackErrors.notFound(callbackId);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return toCallbackView(doc);
  }

  /** The open callbacks due by `asOf`, in queue order, in the caller's dealers. */
  async queue(caller: Principal, query: QueueQuery): Promise<Page<CallbackView> & { asOf: string }> {
    const asOf = query.asOf ?? this.clock.now().toISOString();
    const filter: Filter = {};
    if (query.dealerId) {
      await this.scope.assertCanRead(caller, query.dealerId);
      filter.dealerId = query.dealerId;
    } else {
      const scope = await this.scope.readableDealers(caller);
      if (!scope.all) filter.dealerId = scope.dealerIds.length === 1 ? scope.dealerIds[0] : { $in: scope.dealerIds };
    }
    filter.queueState = 'open';
    if (query.agentId) filter.assigneeId = query.agentId;
    if (query.type) filter.type = query.type;
    // The day bound lets the index range stop at asOf's day; the instant bound trims that day.
    filter.dueDay = { $lte: dayOf(asOf) };
    filter.dueAt = { $lte: asOf };
    const page = await this.readModels
      .collection<CallbackDoc>(CALLBACK_QUEUE)
      .findPage(filter, { sort: QUEUE_SORT, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor ?? null });
    return { items: page.items.map(toCallbackView), nextCursor: page.nextCursor, asOf };
  }
}
