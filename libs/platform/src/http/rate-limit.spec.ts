import { TokenRateLimiter } from './rate-limit';

describe('rate limit per token subject', () => {
  it('lets a subject burst up to the minute\'s allowance, then says how long to wait', () => {
    let now = 0;
    const limiter = new TokenRateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toBeNull();
    // 6 per minute: one more every 10 s.
    expect(limiter.take('a')).toBe(10);
    now = 4_000;
    expect(limiter.take('a')).toBe(6);
    now = 10_000;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(10);
  });

  it('counts each subject on its own', () => {
    const limiter = new TokenRateLimiter(1, () => 0);
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBeNull();
  });

  it('refills no further than one minute\'s allowance', () => {
    let now = 0;
    const limiter = new TokenRateLimiter(2, () => now);
    now = 3_600_000;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(30);
  });

  it('is off at 0', () => {
    const limiter = new TokenRateLimiter(0, () => 0);
    for (let i = 0; i < 100; i++) expect(limiter.take('a')).toBeNull();
  });
});
