import type { EventStore } from '@aftercare/event-store';
import { LOYALTY_SEGMENTS, LoyaltySegment } from './domain/membership.config';
import { segmentStream } from './domain/member.stream';

/** The segmentation context's published change (R-SG-1), read by type string: no import of its internals. */
export interface CustomerSegmentChangedData {
  customerId: string;
  dealerId: string;
  from: LoyaltySegment | null;
  to: LoyaltySegment;
  segments: string[];
  since: string;
}

export const asLoyaltySegment = (value: unknown): LoyaltySegment =>
  typeof value === 'string' && (LOYALTY_SEGMENTS as readonly string[]).includes(value) ? (value as LoyaltySegment) : 'regular';

/**
 * R-MB-1's loyalty segment: the primary segment of the customer's latest
 * CustomerSegmentChanged on `segment-<customerId>` (authoritative, whatever a
 * projection's lag); `regular` for a customer never segmented.
 */
export async function currentLoyaltySegment(events: EventStore, customerId: string): Promise<LoyaltySegment> {
  const recorded = await events.readStream(segmentStream(customerId));
  for (let i = recorded.length - 1; i >= 0; i--) {
    if (recorded[i].type === 'CustomerSegmentChanged') return asLoyaltySegment((recorded[i].data as Partial<CustomerSegmentChangedData>).to);
  }
  return 'regular';
}
