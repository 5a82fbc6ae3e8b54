import { isLagging, READY_LAG_TOLERANCE_MS } from './ops.controller';

const status = (state: string, lagMs = 0) => ({ name: 'dealers', state, lagEvents: lagMs ? 3 : 0, lagMs, position: 1, headPosition: 1 });

describe('readiness', () => {
  it('counts a live or rebuilding projection as caught up', () => {
    expect(isLagging(status('live'))).toBe(false);
    expect(isLagging(status('rebuilding', 60_000))).toBe(false);
  });

  it('tolerates the few milliseconds a projection trails live commands', () => {
    expect(isLagging(status('catching_up', 15))).toBe(false);
  });

  it('reports a backlog older than the tolerance and a stopped projector', () => {
    expect(isLagging(status('catching_up', READY_LAG_TOLERANCE_MS + 1))).toBe(true);
    expect(isLagging(status('stopped'))).toBe(true);
  });
});
