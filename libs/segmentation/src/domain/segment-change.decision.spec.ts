import { SEGMENT_RULE_SET as RULES } from './segment-rule-set';
import { decideSegmentChange, segmentChangeEventId } from './segment-change.decision';
import { changeAt, segmentTimeline } from './segment-timeline';
import { facts } from '../testing/customer-facts.fixture';

const customer = { customerId: 'C1', dealerId: 'D1' };
const history = () => facts().vehicle('2024-01-01T00:00:00.000Z').visitsEvery(5, '2024-05-20T00:00:00.000Z', 4).build();

describe('publishing segment changes (R-SG-1)', () => {
  const { changes } = segmentTimeline(history(), RULES);

  it('publishes the first segment with from null and what it entered', () => {
    const change = decideSegmentChange(customer, changeAt(changes, '2025-12-01T00:00:00.000Z'), null, 1);
    expect(change?.data).toMatchObject({ from: null, to: 'loyal', segments: ['loyal'], entered: ['loyal'], left: [], ruleSetVersion: 1, advisorId: 'A1' });
    // The signals of the instant it became loyal: the second service.
    expect(change?.data).toMatchObject({ since: '2024-10-20T00:00:00.000Z', signals: { services: 2, onTimeServices: 2 } });
  });

  it('publishes a lapse with its effective instant, the reasons and the signals', () => {
    const change = decideSegmentChange(customer, changeAt(changes, '2026-03-01T00:00:00.000Z'), { to: 'loyal', segments: ['loyal'], since: '2024-10-20T00:00:00.000Z', revision: 0 }, 1);
    expect(change?.data).toMatchObject({
      from: 'loyal', to: 'churned', entered: ['churned'], left: ['loyal'], since: '2026-02-20T00:00:00.000Z',
      reasons: ['no service or repair for 6+ months (last 2025-08-20)'],
    });
  });

  it('publishes nothing when the segment in force is the one published', () => {
    const current = changeAt(changes, '2026-03-01T00:00:00.000Z');
    expect(decideSegmentChange(customer, current, { to: 'churned', segments: ['churned'], since: current!.at, revision: 1 }, 1)).toBeNull();
  });

  it('publishes nothing for a customer never published who is still regular', () => {
    expect(decideSegmentChange(customer, null, null, 1)).toBeNull();
  });

  it('gives the same change the same event id, so a second evaluator appends nothing', () => {
    const a = decideSegmentChange(customer, changeAt(changes, '2025-12-01T00:00:00.000Z'), null, 1)!;
    const b = decideSegmentChange(customer, changeAt(changes, '2026-01-01T00:00:00.000Z'), null, 1)!;
    expect(segmentChangeEventId(a, null)).toBe(segmentChangeEventId(b, null));
    expect(segmentChangeEventId(a, null)).not.toBe(segmentChangeEventId(a, 0));
  });
});
