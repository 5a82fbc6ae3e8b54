import type { RecordedEvent } from '@aftercare/kernel';
import type { CustomerProfileDoc } from './customer-profile.document';
import { applySegmentOrTier, segmentAsOf, tierAsOf } from './customer-profile.segment-tier';

const event = (type: string, occurredAt: string, data: Record<string, unknown>): RecordedEvent =>
  ({ type, data, streamId: 'x-1', revision: 0, position: 1, metadata: { occurredAt, recordedAt: occurredAt } }) as unknown as RecordedEvent;

describe("the customer file's segment (R-SG-1) and club tier (R-MB-1)", () => {
  const doc = () => ({ id: 'C1' }) as unknown as CustomerProfileDoc;

  it('shows the segment last published, and the one in force as of an earlier date', () => {
    const d = doc();
    applySegmentOrTier(d, event('CustomerSegmentChanged', '2025-01-01T00:00:00.000Z', { to: 'loyal', reasons: ['r1'], since: '2025-01-01T00:00:00.000Z', segments: ['loyal'] }));
    applySegmentOrTier(d, event('CustomerSegmentChanged', '2025-08-01T00:00:00.000Z', { to: 'churned', reasons: ['r2'], since: '2025-08-01T00:00:00.000Z', segments: ['churned'] }));
    expect(segmentAsOf(d)).toEqual({ name: 'churned', reasons: ['r2'], since: '2025-08-01T00:00:00.000Z', segments: ['churned'] });
    expect(segmentAsOf(d, '2025-03-01T00:00:00.000Z')?.name).toBe('loyal');
    expect(segmentAsOf(d, '2024-12-01T00:00:00.000Z')).toBeNull();
  });

  it('shows the tier from enrolment and tier changes, and null when not (or no longer) a member', () => {
    const d = doc();
    expect(tierAsOf(d)).toBeNull();
    applySegmentOrTier(d, event('MemberEnrolled', '2025-01-01T00:00:00.000Z', { customerId: 'C1', tier: 'standard' }));
    applySegmentOrTier(d, event('MemberTierChanged', '2025-06-01T00:00:00.000Z', { customerId: 'C1', from: 'standard', to: 'gold' }));
    expect(tierAsOf(d)).toBe('gold');
    expect(tierAsOf(d, '2025-03-01T00:00:00.000Z')).toBe('standard');
    applySegmentOrTier(d, event('MembershipCancelled', '2025-09-01T00:00:00.000Z', { customerId: 'C1', reason: 'moved' }));
    expect(tierAsOf(d)).toBeNull();
    expect(tierAsOf(d, '2025-07-01T00:00:00.000Z')).toBe('gold');
  });
});
