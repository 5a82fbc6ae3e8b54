import { projectionAsOf } from '@aftercare/audit';
import { SEGMENT_RULE_SET } from '../../domain/segment-rule-set';
import { SEGMENT_FACTS, SegmentFactsDoc } from './customer-segments.document';
import { customerSegmentsProjection } from './customer-segments.projection';
import { toCustomerSegmentView } from './customer-segments.query';

/**
 * GET /audit/segment/{customerId}/as-of: the customer's segment as
 * GET /customers/{id}/segment answered at that instant, from the events recorded
 * by then (the projection folded over the log; `published` is left out, it is the
 * segment stream's own history).
 */
export const segmentAsOf = projectionAsOf<SegmentFactsDoc>({
  kind: 'segment',
  category: 'segment',
  projection: customerSegmentsProjection,
  collection: SEGMENT_FACTS,
  acrossStreams: true,
  view: (doc, at) => toCustomerSegmentView(doc.facts.customerId, doc.facts.dealerId, doc.changes, at, { ruleSetVersion: SEGMENT_RULE_SET.version, published: null }),
});
