import { deterministicUuid } from '@aftercare/kernel';
import type { SegmentChangePoint } from './segment-timeline';
import type { CustomerSegmentChanged, PrimarySegment, Segment } from './segment.events';
import { SEGMENTS } from './segment.events';
import { signalRecord } from './segment.rules';

/** What was last published for a customer (the segment stream's last event). */
export interface PublishedSegment {
  to: PrimarySegment;
  segments: Segment[];
  since: string;
  revision: number;
}

/**
 * R-SG-1: the CustomerSegmentChanged to publish when the segment in force differs
 * from the last one published; null when nothing changed. A customer never
 * published and still regular has nothing to say.
 */
export function decideSegmentChange(
  customer: { customerId: string; dealerId: string },
  current: SegmentChangePoint | null,
  published: PublishedSegment | null,
  ruleSetVersion: number,
): CustomerSegmentChanged | null {
  if (!segmentDiffers(current, published)) return null;
  const to = current?.primary ?? 'regular';
  const segments = current?.segments ?? [];
  const before = published?.segments ?? [];
  return {
    type: 'CustomerSegmentChanged',
    data: {
      customerId: customer.customerId,
      dealerId: customer.dealerId,
      from: published?.to ?? null,
      to,
      segments,
      entered: SEGMENTS.filter((s) => segments.includes(s) && !before.includes(s)),
      left: SEGMENTS.filter((s) => before.includes(s) && !segments.includes(s)),
      since: current?.at ?? published!.since,
      reasons: current?.reasons ?? [],
      signals: current ? signalRecord(current.signals) : {},
      ruleSetVersion,
      advisorId: current?.signals.advisorId ?? null,
    },
  };
}

/** Whether the segment in force (primary and memberships) is not the one last published. */
export function segmentDiffers(current: Pick<SegmentChangePoint, 'primary' | 'segments'> | null, published: PublishedSegment | null): boolean {
  const to = current?.primary ?? 'regular';
  const segments = current?.segments ?? [];
  if (published === null) return to !== 'regular' || segments.length > 0;
  return published.to !== to || !sameSet(published.segments, segments);
}

/** Same change, same id: a second evaluator (or a re-run) appends nothing twice. */
export function segmentChangeEventId(change: CustomerSegmentChanged, afterRevision: number | null): string {
  const d = change.data;
  return deterministicUuid('CustomerSegmentChanged', d.customerId, String(d.ruleSetVersion), String(afterRevision ?? -1), d.to, d.segments.join(','), d.since);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
