import { streamName } from '@aftercare/kernel';
import type { DomainEvent } from '@aftercare/kernel';

/** DOMAIN.md "Segmentation": the memberships a customer can hold. */
export const SEGMENTS = ['loyal', 'churned', 'vip'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** The one segment a customer is shown under: precedence vip > churned > loyal > regular. */
export const PRIMARY_SEGMENTS = ['vip', 'churned', 'loyal', 'regular'] as const;
export type PrimarySegment = (typeof PRIMARY_SEGMENTS)[number];

export function isSegment(value: unknown): value is Segment {
  return typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value);
}

export type SignalValue = number | boolean | string | null;

/** Stored type strings of the `segment-<customerId>` stream: fixed here. */
export const SegmentEventTypes = {
  CustomerSegmentChanged: 'CustomerSegmentChanged',
} as const;

export const SEGMENT_EVENT_SCHEMA_VERSION = 1;
export const SEGMENT_CATEGORY = 'segment';
export const segmentStream = (customerId: string) => streamName(SEGMENT_CATEGORY, customerId);

/**
 * R-SG-1: a change of a customer's segment, with the signals that decided it.
 * `since` is the effective instant of the change (e.g. the last visit + 6 months)
 * and the event's occurredAt.
 */
export type CustomerSegmentChanged = DomainEvent<
  'CustomerSegmentChanged',
  {
    customerId: string;
    dealerId: string;
    from: PrimarySegment | null;
    to: PrimarySegment;
    segments: Segment[];
    entered: Segment[];
    left: Segment[];
    since: string;
    reasons: string[];
    signals: Record<string, SignalValue>;
    ruleSetVersion: number;
    /** The customer's usual service advisor (most visits), for win-back and VIP routing. */
    advisorId: string | null;
  }
>;
