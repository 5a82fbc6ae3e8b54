/** What other contexts may import from the segmentation context. */
export { segmentationContext } from './segmentation.context';
export { SegmentationModule } from './segmentation.module';
export { CustomerSegmentsQuery } from './read-models/customer-segments/customer-segments.query';
export { segmentAsOf } from './read-models/customer-segments/customer-segments.as-of';
export { SegmentEventTypes, SEGMENTS, PRIMARY_SEGMENTS, SEGMENT_CATEGORY, segmentStream, isSegment } from './domain/segment.events';
export type { CustomerSegmentChanged, Segment, PrimarySegment } from './domain/segment.events';
export { SEGMENT_RULE_SET } from './domain/segment-rule-set';
export type { SegmentRuleSet } from './domain/segment-rule-set';
