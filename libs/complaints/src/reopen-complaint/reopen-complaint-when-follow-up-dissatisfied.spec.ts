import { isDissatisfied } from './reopen-complaint-when-follow-up-dissatisfied.reaction';

describe('R-CP-6: who counts as dissatisfied at the follow-up call', () => {
  it('reopens for a score of 1 or 2 out of 5', () => {
    expect(isDissatisfied({ satisfaction: 2, feedback: null })).toBe(true);
    expect(isDissatisfied({ satisfaction: 1, feedback: 'praise' })).toBe(true);
  });

  it('reopens for criticism or a new complaint whatever the score', () => {
    expect(isDissatisfied({ satisfaction: 4, feedback: 'criticism' })).toBe(true);
    expect(isDissatisfied({ satisfaction: null, feedback: 'complaint' })).toBe(true);
  });

  it('leaves a satisfied or neutral customer alone', () => {
    expect(isDissatisfied({ satisfaction: 3, feedback: 'suggestion' })).toBe(false);
    expect(isDissatisfied({ satisfaction: 5, feedback: 'praise' })).toBe(false);
    expect(isDissatisfied({ satisfaction: null, feedback: null })).toBe(false);
  });
});
