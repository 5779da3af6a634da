import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then the rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 6, () => now);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([undefined, undefined, undefined]);
    expect(limiter.take('a')).toBe(10);
    expect(limiter.take('b')).toBeUndefined();
    now += 10_000;
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(10);
  });
});
