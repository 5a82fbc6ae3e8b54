import type { RecordedEvent } from '@aftercare/kernel';
import type { CustomerProfileDoc } from './customer-profile.document';

/**
 * The customer's segment (from segmentation's CustomerSegmentChanged, R-SG-1) and
 * club tier (from membership's MemberEnrolled / MemberTierChanged /
 * MembershipCancelled, R-MB-1), by their stored type strings: the customer file
 * imports neither context. Each keeps a history so an as-of read shows what was
 * in force then.
 */
export interface ProfileSegment {
  name: string;
  reasons: string[];
  since: string;
  segments: string[];
}

export interface ProfileTier {
  tier: string | null;
  at: string;
}

export const SEGMENT_AND_TIER_EVENT_TYPES = ['CustomerSegmentChanged', 'MemberEnrolled', 'MemberTierChanged', 'MembershipCancelled'] as const;

export function applySegmentOrTier(doc: CustomerProfileDoc, event: RecordedEvent): void {
  const d = event.data as Record<string, any>;
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'CustomerSegmentChanged': {
      const segment: ProfileSegment = { name: d.to, reasons: d.reasons ?? [], since: d.since ?? at, segments: d.segments ?? [] };
      const history = ((doc.segmentHistory as ProfileSegment[] | undefined) ?? []).filter((s) => s.since !== segment.since);
      history.push(segment);
      history.sort((a, b) => a.since.localeCompare(b.since));
      doc.segmentHistory = history;
      doc.segment = segment;
      return;
    }
    case 'MemberEnrolled':
    case 'MemberTierChanged':
    case 'MembershipCancelled': {
      const tier = event.type === 'MemberEnrolled' ? d.tier : event.type === 'MemberTierChanged' ? d.to : null;
      const history = ((doc.tierHistory as ProfileTier[] | undefined) ?? []).concat({ tier, at });
      history.sort((a, b) => a.at.localeCompare(b.at));
      doc.tierHistory = history;
      doc.tier = tier;
      return;
    }
  }
}

/** The segment in force at `asOf` (now when absent); null before the first published one. */
export function segmentAsOf(doc: CustomerProfileDoc, asOf?: string): Omit<ProfileSegment, 'segments'> & { segments: string[] } | null {
  if (!asOf) return (doc.segment as ProfileSegment | undefined) ?? null;
  return ((doc.segmentHistory as ProfileSegment[] | undefined) ?? []).filter((s) => s.since <= asOf).at(-1) ?? null;
}

/** The club tier in force at `asOf`: null when not a member. */
export function tierAsOf(doc: CustomerProfileDoc, asOf?: string): string | null {
  if (!asOf) return (doc.tier as string | null | undefined) ?? null;
  return ((doc.tierHistory as ProfileTier[] | undefined) ?? []).filter((t) => t.at <= asOf).at(-1)?.tier ?? null;
}
