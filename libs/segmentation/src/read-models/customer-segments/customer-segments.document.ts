import type { CustomerFacts } from '../../domain/customer-facts';
import type { PublishedSegment } from '../../domain/segment-change.decision';
import type { SegmentChangePoint } from '../../domain/segment-timeline';
import type { Segment } from '../../domain/segment.events';

/**
 * Per customer, kept small for the daily evaluator that reads them all: when the
 * segment changes (primary and memberships) and what was last published.
 */
export interface CustomerSegmentsDoc {
  _id: string;
  customerId: string;
  dealerId: string;
  ruleSetVersion: number;
  points: Array<Pick<SegmentChangePoint, 'at' | 'primary' | 'segments'>>;
  published: PublishedSegment | null;
  [key: string]: unknown;
}

/** Per customer: the facts the signals are computed from, and the full change points (reasons, signals). */
export interface SegmentFactsDoc {
  _id: string;
  facts: CustomerFacts;
  changes: SegmentChangePoint[];
  /** From the customer file, for the segment pages; `[erased]` after PersonalDataErased. */
  name: string;
  /** _ids of this customer's segment_intervals documents. */
  intervalIds: string[];
  [key: string]: unknown;
}

/**
 * One stretch of one membership: [from, to). An as-of page is the index range
 * `segment = s AND from <= asOf`, newest first, keeping those with `to > asOf`.
 */
export interface SegmentIntervalDoc {
  _id: string;
  customerId: string;
  dealerId: string;
  /** From the customer file: a page is one index range, no second read (erasure overwrites it). */
  name: string;
  segment: Segment;
  from: string;
  /** OPEN_END while the membership lasts. */
  to: string;
  reasons: string[];
  [key: string]: unknown;
}

export const CUSTOMER_SEGMENTS = 'segment_customers';
export const SEGMENT_FACTS = 'segment_facts';
export const SEGMENT_INTERVALS = 'segment_intervals';
/** Sorts after every real instant, so "to > asOf" holds for open memberships. */
export const OPEN_END = '9999-12-31T23:59:59.999Z';
