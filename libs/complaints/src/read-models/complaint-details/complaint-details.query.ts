import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModelCollection, ReadModels } from '@aftercare/projections';
import { Principal, RequestValidationError, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { complaintStream } from '../../domain/complaint.stream';
import { ComplaintErrors } from '../../domain/complaint.errors';
import type { ComplaintStatus } from '../../domain/complaint.state';
import {
  COMPLAINT_DETAILS,
  COMPLAINT_OVERDUE_SPANS,
  COMPLAINT_STATUS_SPANS,
  ComplaintDetailsDoc,
  ComplaintOverdueSpanDoc,
  ComplaintStatusSpanDoc,
  OPEN_END,
} from './complaint-details.document';
import { complaintDetailsAsOf, evolveComplaintDetails } from './complaint-details.reducer';
import { ComplaintView, toComplaintView } from './complaint-details.view';

export interface ComplaintListQuery {
  /** The status at asOf (without asOf: the current one). */
  status?: ComplaintStatus;
  /** true: only complaints overdue at asOf; false: only those not overdue then. */
  overdue?: boolean;
  /** Business time: only complaints received by then, each as it stood then. */
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

  /**
   * API.md GET /complaints. Without asOf: the complaints as they stand now (status
   * = the current one), in id order; with asOf = T: only those received at or
   * before T, each as it stood at T (refolded from its stored timeline, as GET
   * /complaints/{id}?asOf answers), `status` filtering by the status at T.
   * `overdue=true`: a deadline of R-CP-1/2/3 passed and unmet at asOf (default
   * now); `overdue=false`: none was. Every source is an index range in a stable
   * order; what an index cannot say (overdue=false; a status combined with
   * overdue=true as of T) is checked on the page read, so a page may hold fewer
   * than `limit` items while nextCursor is not null.
   */
  async list(caller: Principal, query: ComplaintListQuery): Promise<ComplaintPage> {
    const scope = await this.scope.readableDealers(caller);
    if (!scope.all && scope.dealerIds.length === 0) return { items: [], nextCursor: null };
    const base: Filter = {};
    if (!scope.all) base.dealerId = scope.dealerIds.length === 1 ? scope.dealerIds[0] : { $in: scope.dealerIds };
    if (query.customerId) base.customerId = query.customerId;
    const pastInstant = query.asOf;
    const asOf = pastInstant ?? this.now();
    const source = this.source(base, query, asOf);
    const view = (doc: ComplaintDetailsDoc): ComplaintView | null => {
      const then = pastInstant ? complaintDetailsAsOf(doc, pastInstant) : doc;
      return then ? toComplaintView(then, asOf) : null;
    };
    const keep = (v: ComplaintView) => (!query.status || v.status === query.status) && (query.overdue === undefined || v.overdue === query.overdue);

    const items: ComplaintView[] = [];
    let cursor = query.cursor ?? null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const page = await source(cursor, query.limit - items.length);
      for (const doc of page.docs) {
        const v = view(doc);
        if (v && keep(v)) items.push(v);
      }
      cursor = page.nextCursor;
      if (!cursor || items.length >= query.limit) break;
    }
    return { items, nextCursor: cursor };
  }

  /** Where the list's candidates come from, in a stable order: the one index range each combination needs. */
  private source(base: Filter, query: ComplaintListQuery, asOf: string): Source {
    const details = this.readModels.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS);
    if (query.overdue === true) {
      // Overdue at T: a stored period with from < T < until. The period carries the
      // current status, which is the status as of now; as of a past T the status is
      // checked on the complaint as it stood then.
      const filter = query.status && !query.asOf ? { ...base, status: query.status } : base;
      const spans = this.readModels.collection<ComplaintOverdueSpanDoc>(COMPLAINT_OVERDUE_SPANS);
      return async (cursor, limit) => this.docsOf(await seekSpans(spans, filter, asOf, '$lt', cursor, limit));
    }
    if (query.asOf && query.status) {
      // Status S at T: a stored status period with status = S and from <= T < until.
      const spans = this.readModels.collection<ComplaintStatusSpanDoc>(COMPLAINT_STATUS_SPANS);
      return async (cursor, limit) => this.docsOf(await seekSpans(spans, { ...base, status: query.status }, asOf, '$lte', cursor, limit));
    }
    if (query.asOf) {
      // Received at or before T, in intake order.
      return async (cursor, limit) => {
        const page = await details.findPage({ ...base, receivedAt: { $lte: asOf } }, { sort: { receivedAt: 1 }, limit, cursor });
        return { docs: page.items, nextCursor: page.nextCursor };
      };
    }
    const filter = query.status ? { ...base, status: query.status } : base;
    return async (cursor, limit) => {
      const page = await details.findPage(filter, { sort: { _id: 1 }, limit, cursor });
      return { docs: page.items, nextCursor: page.nextCursor };
    };
  }

  private async docsOf(found: { ids: string[]; nextCursor: string | null }): Promise<{ docs: ComplaintDetailsDoc[]; nextCursor: string | null }> {
    const details = this.readModels.collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS);
    const docs = found.ids.length ? await details.find({ _id: { $in: found.ids } }) : [];
    const byId = new Map(docs.map((d) => [d._id, d]));
    return { docs: found.ids.flatMap((id) => byId.get(id) ?? []), nextCursor: found.nextCursor };
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

/** A page of candidates for the list, at most `limit`, and where the next one starts. */
type Source = (cursor: string | null, limit: number) => Promise<{ docs: ComplaintDetailsDoc[]; nextCursor: string | null }>;

/** How many pages of candidates one request reads at most when a filter is checked on the page (overdue=false, …). */
const MAX_ROUNDS = 4;

/**
 * The periods (overdue or status) that hold at T: `from < T` (or `<= T`) and `T <
 * until`, in (until, from) order. Asked as two index seeks, periods already ended
 * (T < until < OPEN_END) then periods still running (until = OPEN_END), so neither
 * leaves the planner a range on `until` it might walk by skip-scan; the cursor
 * says which is next.
 */
async function seekSpans<S extends ComplaintOverdueSpanDoc | ComplaintStatusSpanDoc>(
  spans: ReadModelCollection<S>,
  filter: Filter,
  asOf: string,
  fromOp: '$lt' | '$lte',
  cursor: string | null,
  limit: number,
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const sort = { until: 1, from: 1 } as const;
  const from = { [fromOp]: asOf };
  let { phase, inner } = decodeSpanCursor(cursor);
  const found: string[] = [];
  let nextCursor: string | null = null;
  if (phase === 'ended') {
    const page = await spans.findPage({ ...filter, until: { $gt: asOf, $lt: OPEN_END }, from }, { sort, limit, cursor: inner });
    found.push(...page.items.map((s) => s.complaintId));
    if (page.nextCursor) nextCursor = encodeSpanCursor('ended', page.nextCursor);
    phase = 'running';
    inner = null;
  }
  if (!nextCursor && found.length < limit) {
    const page = await spans.findPage({ ...filter, until: OPEN_END, from }, { sort, limit: limit - found.length, cursor: inner });
    found.push(...page.items.map((s) => s.complaintId));
    if (page.nextCursor) nextCursor = encodeSpanCursor('running', page.nextCursor);
  } else if (!nextCursor) {
    nextCursor = encodeSpanCursor('running', null);
  }
  return { ids: found, nextCursor };
}

type SpanPhase = 'ended' | 'running';

/** A span list's cursor: which of its two seeks comes next, and where that one stands. */
function encodeSpanCursor(phase: SpanPhase, inner: string | null): string {
  return Buffer.from(JSON.stringify({ p: phase, c: inner })).toString('base64url');
}

function decodeSpanCursor(cursor: string | null | undefined): { phase: SpanPhase; inner: string | null } {
  if (!cursor) return { phase: 'ended', inner: null };
  try {
    const { p, c } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p: unknown; c: unknown };
    if ((p === 'ended' || p === 'running') && (c === null || typeof c === 'string')) return { phase: p, inner: c };
  } catch {
    // reported below
  }
  throw new RequestValidationError([{ field: 'cursor', message: 'not a cursor of this list' }]);
}
