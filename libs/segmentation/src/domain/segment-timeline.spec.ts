import { SEGMENT_RULE_SET as RULES } from './segment-rule-set';
import { changeAt, segmentTimeline } from './segment-timeline';
import { facts } from '../testing/customer-facts.fixture';

describe('segment timeline (R-SG-2)', () => {
  const serviced = () => facts().vehicle('2024-01-01T00:00:00.000Z').visitsEvery(5, '2024-05-20T00:00:00.000Z', 4);

  it('turns a loyal customer churned 6 months after the last service, and keeps the earlier loyalty', () => {
    const { changes, intervals } = segmentTimeline(serviced().build(), RULES);
    // Services 2024-05-20, 2024-10-20, 2025-03-20, 2025-08-20: loyal from the second, lapsed at 2026-02-20.
    expect(changeAt(changes, '2025-12-01T00:00:00.000Z')?.primary).toBe('loyal');
    expect(changeAt(changes, '2026-03-01T00:00:00.000Z')).toMatchObject({ primary: 'churned', at: '2026-02-20T00:00:00.000Z' });
    expect(intervals.find((i) => i.segment === 'churned')).toMatchObject({ from: '2026-02-20T00:00:00.000Z', to: null });
    expect(intervals.find((i) => i.segment === 'loyal')).toMatchObject({ to: '2026-02-20T00:00:00.000Z' });
  });

  it('answers the same for the same as-of date however much history came after it', () => {
    const before = segmentTimeline(serviced().build(), RULES);
    const after = segmentTimeline(serviced().visit('2026-06-01T00:00:00.000Z').referral('2026-07-01T00:00:00.000Z').build(), RULES);
    for (const at of ['2024-06-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']) {
      expect(changeAt(after.changes, at)).toEqual(changeAt(before.changes, at));
    }
  });

  it('re-derives the timeline when a visit is filed late (R-CF-1): the lapse moves', () => {
    const late = serviced().visit('2026-01-10T00:00:00.000Z').build();
    const { changes } = segmentTimeline(late, RULES);
    expect(changeAt(changes, '2026-03-01T00:00:00.000Z')?.primary).toBe('loyal');
    expect(changeAt(changes, '2026-08-01T00:00:00.000Z')).toMatchObject({ primary: 'churned', at: '2026-07-10T00:00:00.000Z' });
  });

  it('ends a membership when its signal ends, and opens the next one at the same instant', () => {
    const { intervals } = segmentTimeline(facts().missed('2024-03-01T00:00:00.000Z').missed('2024-04-01T00:00:00.000Z').build(), RULES);
    expect(intervals).toEqual([
      { segment: 'churned', from: '2024-04-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z', reasons: ['2 booked services missed in 12 months'] },
    ]);
  });

  it('derives the past of a customer file opened after the facts (back-filled history)', () => {
    const f = facts('2026-01-01T00:00:00.000Z').vehicle('2024-01-01T00:00:00.000Z').visitsEvery(5, '2024-05-20T00:00:00.000Z', 4).build();
    expect(changeAt(segmentTimeline(f, RULES).changes, '2025-01-01T00:00:00.000Z')).toMatchObject({ primary: 'loyal', at: '2024-10-20T00:00:00.000Z' });
  });

  it('re-derives from the new fact on exactly as a full derivation does, late-filed facts included', () => {
    const base = serviced().missed('2025-01-05T00:00:00.000Z', 'traffic').build();
    const before = segmentTimeline(base, RULES);
    for (const [at, more] of [
      ['2026-01-10T00:00:00.000Z', serviced().missed('2025-01-05T00:00:00.000Z', 'traffic').visit('2026-01-10T00:00:00.000Z')],
      ['2024-12-01T00:00:00.000Z', serviced().missed('2025-01-05T00:00:00.000Z', 'traffic').missed('2024-12-01T00:00:00.000Z', 'ill')],
      ['2025-02-01T00:00:00.000Z', serviced().missed('2025-01-05T00:00:00.000Z', 'traffic').flag('vip', '2025-02-01T00:00:00.000Z')],
    ] as const) {
      const facts = more.build();
      expect(segmentTimeline(facts, RULES, { changes: before.changes, since: at })).toEqual(segmentTimeline(facts, RULES));
    }
  });

  it('records nothing for a customer with no segment signal', () => {
    expect(segmentTimeline(facts().build(), RULES)).toEqual({ changes: [], intervals: [] });
  });
});
