import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { Principal, RequestValidationError, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { complaintStream } from '../../domain/complaint.stream';
import { ComplaintErrors } from '../../domain/complaint.errors';
import type { ComplaintStatus } from '../../domain/complaint.state';
import { COMPLAINT_DETAILS, COMPLAINT_OVERDUE_SPANS, ComplaintDetailsDoc, ComplaintOverdueSpanDoc, OPEN_END } from './complaint-details.document';
import { evolveComplaintDetails } from './complaint-details.reducer';
import { ComplaintView, toComplaintView } from './complaint-details.view';

export interface ComplaintListQuery {
  status?: ComplaintStatus;
  /** true: only complaints overdue at asOf. */
  overdue?: boolean;
  asOf?: string;
  customerId?: string;
  limit: number;
  cursor?: string | null;
}

export interface ComplaintPage {
  items: ComplaintView[];
  nextCursor: string | null;
}

/** Reads of complaints, with the scope rules of API.md "Conventions". */
@Injectable()
export class ComplaintDetailsQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Without asOf: the read model, with deadlines judged as of now. With asOf: the
   * complaint as it stood at that instant of business time, folded from the
   * events that had happened by then (steps are kept in business-time order, so
   * that is a prefix of the stream) with the same reducer the projection uses.
   */
  async get(caller: Principal, complaintId: string, asOf?: string): Promise<ComplaintView> {
    const doc = asOf ? await this.foldAsOf(complaintId, asOf) : await this.readModels.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS).findOne({ _id: complaintId });
    if (!doc) throw ComplaintErrors.notFound(complaintId);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return toComplaintView(doc, asOf ?? this.now());
  }

  async list(caller: Principal, query: ComplaintListQuery): Promise<ComplaintPage> {
    const scope = await this.scope.readableDealers(caller);
    if (!scope.all && scope.dealerIds.length === 0) return { items: [], nextCursor: null };
    const filter: Filter = {};
    if (!scope.all) filter.dealerId = scope.dealerIds.length === 1 ? scope.dealerIds[0] : { $in: scope.dealerIds };
    if (query.status) filter.status = query.status;
    if (query.customerId) filter.customerId = query.customerId;
    const asOf = query.asOf ?? this.now();
    const details = this.readModels.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS);
    if (!query.overdue) {
      const page = await details.findPage(filter, { sort: { _id: 1 }, limit: query.limit, cursor: query.cursor ?? null });
      return { items: page.items.map((d) => toComplaintView(d, asOf)), nextCursor: page.nextCursor };
    }
    // Overdue at T: a stored period with from < T < until, in (until, from) order.
    // Asked as two index seeks, periods already ended (T < until < OPEN_END) then
    // periods still running (until = OPEN_END), so neither leaves the planner a
    // range on `until` it might walk by skip-scan; the cursor says which is next.
    const spans = this.readModels.collection<ComplaintOverdueSpanDoc>(COMPLAINT_OVERDUE_SPANS);
    const sort = { until: 1, from: 1 } as const;
    let { phase, inner } = decodeOverdueCursor(query.cursor);
    const found: ComplaintOverdueSpanDoc[] = [];
    let nextCursor: string | null = null;
    if (phase === 'ended') {
      const page = await spans.findPage({ ...filter, until: { $gt: asOf, $lt: OPEN_END }, from: { $lt: asOf } }, { sort, limit: query.limit, cursor: inner });
      found.push(...page.items);
      if (page.nextCursor) nextCursor = encodeOverdueCursor('ended', page.nextCursor);
      phase = 'running';
      inner = null;
    }
    if (!nextCursor && found.length < query.limit) {
      const page = await spans.findPage({ ...filter, until: OPEN_END, from: { $lt: asOf } }, { sort, limit: query.limit - found.length, cursor: inner });
      found.push(...page.items);
      if (page.nextCursor) nextCursor = encodeOverdueCursor('running', page.nextCursor);
    } else if (!nextCursor) {
      nextCursor = encodeOverdueCursor('running', null);
    }
    const ids = found.map((s) => s.complaintId);
    const docs = ids.length ? await details.find({ _id: { $in: ids } }) : [];
    const byId = new Map(docs.map((d) => [d._id, d]));
    const items = ids.flatMap((id) => {
      const doc = byId.get(id);
      return doc ? [toComplaintView(doc, asOf)] : [];
    });
    return { items, nextCursor };
  }

  /** The read-model document of one complaint, unscoped: for services of this context. */
  async document(complaintId: string): Promise<ComplaintDetailsDoc | null> {
    return this.readModels.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS).findOne({ _id: complaintId });
  }

  private async foldAsOf(complaintId: string, asOf: string): Promise<ComplaintDetailsDoc | null> {
    let doc: ComplaintDetailsDoc | null = null;
    for (const event of await this.events.readStream(complaintStream(complaintId))) {
      if (event.metadata.occurredAt > asOf) break;
      doc = evolveComplaintDetails(doc, event);
    }
    return doc;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

type OverduePhase = 'ended' | 'running';

/** The overdue list's cursor: which of its two seeks comes next, and where that one stands. */
function encodeOverdueCursor(phase: OverduePhase, inner: string | null): string {
  return Buffer.from(JSON.stringify({ p: phase, c: inner })).toString('base64url');
}

function decodeOverdueCursor(cursor: string | null | undefined): { phase: OverduePhase; inner: string | null } {
  if (!cursor) return { phase: 'ended', inner: null };
  try {
    const { p, c } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p: unknown; c: unknown };
    if ((p === 'ended' || p === 'running') && (c === null || typeof c === 'string')) return { phase: p, inner: c };
  } catch {
    // reported below
  }
  throw new RequestValidationError([{ field: 'cursor', message: 'not a cursor of this list' }]);
}
