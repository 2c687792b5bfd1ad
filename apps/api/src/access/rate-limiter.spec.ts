import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst up to the limit, then asks to wait, then refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('token-a')).toBe(0);
    expect(limiter.take('token-a')).toBe(1);
    expect(limiter.take('token-b')).toBe(0);
    now += 5000;
    for (let i = 0; i < 5; i++) expect(limiter.take('token-a')).toBe(0);
    expect(limiter.take('token-a')).toBeGreaterThan(0);
  });

  it('is off when the limit is 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('x')).toBe(0);
  });
});
