import { Injectable } from '@nestjs/common';
import { DomainError } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { Principal, RequestValidationError, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { changeAt, SegmentChangePoint } from '../../domain/segment-timeline';
import type { PublishedSegment } from '../../domain/segment-change.decision';
import { isSegment, SEGMENTS } from '../../domain/segment.events';
import { CUSTOMER_SEGMENTS, CustomerSegmentsDoc, SEGMENT_FACTS, SEGMENT_INTERVALS, SegmentFactsDoc, SegmentIntervalDoc } from './customer-segments.document';

export interface SegmentMemberView {
  customerId: string;
  dealerId: string;
  name: string | null;
  reasons: string[];
  since: string;
}

/** GET /customers/{id}/segment (and its audit as-of): the segment in force at `asOf`, with reasons and signals. */
export function toCustomerSegmentView(
  customerId: string,
  dealerId: string,
  changes: readonly SegmentChangePoint[],
  asOf: string,
  extra: { ruleSetVersion: number; published: PublishedSegment | null },
) {
  const current = changeAt(changes, asOf);
  return {
    customerId,
    dealerId,
    asOf,
    name: current?.primary ?? 'regular',
    segments: current?.segments ?? [],
    reasons: current?.reasons ?? [],
    since: current?.at ?? null,
    signals: current?.signals ?? null,
    ...extra,
  };
}

export function assertSegment(segment: string): asserts segment is (typeof SEGMENTS)[number] {
  if (!isSegment(segment)) throw new RequestValidationError([{ field: 'segment', message: `segment must be one of ${SEGMENTS.join(', ')}` }]);
}

/** GET /segments/{segment}/customers and GraphQL `segment`: the members as of an instant (R-SG-2). */
@Injectable()
export class CustomerSegmentsQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async members(caller: Principal, segment: string, query: { asOf: string; limit: number; cursor?: string | null }) {
    assertSegment(segment);
    const readable = await this.scope.readableDealers(caller);
    // An index range on (segment, from ≤ asOf), newest first; `to > asOf` keeps the memberships still running then.
    const filter: Filter = { segment, from: { $lte: query.asOf }, to: { $gt: query.asOf } };
    if (!readable.all) filter.dealerId = readable.dealerIds.length === 1 ? readable.dealerIds[0] : { $in: readable.dealerIds };
    const intervals = this.readModels.collection<SegmentIntervalDoc>(SEGMENT_INTERVALS);
    const page = await intervals.findPage(filter, { sort: { from: -1 }, limit: query.limit, cursor: query.cursor ?? null });
    const items: SegmentMemberView[] = page.items.map((i) => ({
      customerId: i.customerId,
      dealerId: i.dealerId,
      name: i.name ?? null,
      reasons: i.reasons,
      since: i.from,
    }));
    return { items, nextCursor: page.nextCursor, segment, asOf: query.asOf };
  }

  /** One customer's segment as of an instant, with the signals behind it. */
  async ofCustomer(caller: Principal, customerId: string, asOf: string) {
    const doc = await this.readModels.collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS).findOne({ _id: customerId });
    if (!doc) throw DomainError.notFound('CUSTOMER.NOT_FOUND', `customer ${customerId} does not exist`);
    await this.scope.assertCanRead(caller, doc.dealerId);
    const factsDoc = await this.readModels.collection<SegmentFactsDoc>(SEGMENT_FACTS).findOne({ _id: customerId });
    return toCustomerSegmentView(doc.customerId, doc.dealerId, factsDoc?.changes ?? [], asOf, { ruleSetVersion: doc.ruleSetVersion, published: doc.published });
  }
}
