import { EXCLUDE_SYSTEM_EVENTS, planFilter, toPosition, toReadPosition } from './eventstoredb-reads';

describe('EventStoreDB filter plan', () => {
  const event = (type: string, streamId: string) => ({ type, streamId });

  it('without a filter asks the server to drop system events, and drops them itself too', () => {
    const plan = planFilter(undefined);
    expect(plan.server).toEqual(EXCLUDE_SYSTEM_EVENTS);
    expect(new RegExp(plan.server.regex!).test('$statsCollected')).toBe(false);
    expect(new RegExp(plan.server.regex!).test('ComplaintFiled')).toBe(true);
    expect(plan.accepts(event('$metadata', '$$complaint-1'))).toBe(false);
    expect(plan.accepts(event('ComplaintFiled', 'complaint-1'))).toBe(true);
  });

  it('matches event types exactly, even when they contain regex syntax', () => {
    const plan = planFilter({ types: ['complaint.filed', 'Visit(1)'] });
    const regex = new RegExp(plan.server.regex!);
    expect(plan.server.on).toBe('event_type');
    expect(regex.test('complaint.filed')).toBe(true);
    expect(regex.test('Visit(1)')).toBe(true);
    expect(regex.test('complaintXfiled')).toBe(false);
    expect(regex.test('complaint.filed.v2')).toBe(false);
    expect(regex.test('old.complaint.filed')).toBe(false);
  });

  it('filters categories by stream name prefix on the server and by exact category here', () => {
    const plan = planFilter({ categories: ['complaint'] });
    expect(plan.server).toEqual({ on: 'stream_name', prefixes: ['complaint-'] });
    expect(plan.accepts(event('Filed', 'complaint-1'))).toBe(true);
    expect(plan.accepts(event('Filed', 'complaints-1'))).toBe(false);
  });

  it('sends the types to the server and checks the categories here when both are given', () => {
    const plan = planFilter({ types: ['Filed'], categories: ['callback'] });
    expect(plan.server.on).toBe('event_type');
    expect(plan.accepts(event('Filed', 'callback-1'))).toBe(true);
    expect(plan.accepts(event('Filed', 'complaint-1'))).toBe(false);
  });

  it('treats an empty list as a filter nothing passes', () => {
    expect(planFilter({ types: [] }).matchesNothing).toBe(true);
    expect(planFilter({ categories: [] }).matchesNothing).toBe(true);
    expect(planFilter({ types: ['A'], categories: [] }).matchesNothing).toBe(true);
    expect(planFilter({ types: ['A'] }).matchesNothing).toBe(false);
  });
});

describe('EventStoreDB positions', () => {
  it('converts commit positions exactly up to 2^53 and refuses beyond', () => {
    expect(toPosition(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toPosition(9_007_199_254_740_992n)).toThrow(RangeError);
  });

  it('explains the "no position" marker of servers that do not report $all positions on stream reads', () => {
    expect(() => toPosition(2n ** 64n - 1n)).toThrow(/did not report the \$all position/);
  });

  it('sends a position back with commit == prepare', () => {
    expect(toReadPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });
});
