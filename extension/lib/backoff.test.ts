import { describe, it, expect } from 'vitest';
import { backoffDelay, networkRetryDelay, retryAfterMs } from './backoff';

const FIFTEEN_MINUTES = 15 * 60_000;
const highest = () => 1 - Number.EPSILON;
const lowest = () => 0;

describe('backoffDelay', () => {
  it('starts at 5 s and doubles per attempt (jitter at its top)', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, highest))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('never goes below half the ceiling (jitter at its bottom)', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, lowest))).toEqual([2_500, 5_000, 10_000, 20_000]);
  });

  it('treats attempt 0 and below as the first attempt', () => {
    expect(backoffDelay(0, highest)).toBe(5_000);
    expect(backoffDelay(-3, highest)).toBe(5_000);
  });

  it('is capped at 15 minutes', () => {
    // 5 s × 2^7 = 640 s is the last uncapped ceiling; 5 s × 2^8 = 1280 s is over 900 s.
    expect(backoffDelay(8, highest)).toBe(640_000);
    expect(backoffDelay(9, highest)).toBe(FIFTEEN_MINUTES);
    expect(backoffDelay(9, lowest)).toBe(FIFTEEN_MINUTES / 2);
    for (const attempt of [10, 20, 100, 1_000, 1_000_000]) {
      expect(backoffDelay(attempt, highest)).toBe(FIFTEEN_MINUTES);
      expect(backoffDelay(attempt, lowest)).toBe(FIFTEEN_MINUTES / 2);
    }
  });

  it('stays within [ceiling/2, ceiling] for any jitter', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(FIFTEEN_MINUTES, 5_000 * 2 ** (attempt - 1));
      for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999, highest()]) {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('spreads the delay linearly with the random draw', () => {
    expect(backoffDelay(3, () => 0.5)).toBe(15_000);
    expect(backoffDelay(3, () => 0.25)).toBe(12_500);
  });

  it('uses Math.random by default and stays in range', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(4);
      expect(delay).toBeGreaterThanOrEqual(20_000);
      expect(delay).toBeLessThanOrEqual(40_000);
    }
  });

  it('grows with every attempt until the cap', () => {
    for (let attempt = 1; attempt < 8; attempt++) {
      expect(backoffDelay(attempt + 1, lowest)).toBe(2 * backoffDelay(attempt, lowest));
    }
  });
});

describe('networkRetryDelay', () => {
  it('starts at 2 s and is capped at 30 s, so a returning network is used soon', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((attempt) => networkRetryDelay(attempt, highest))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(networkRetryDelay(50, lowest)).toBe(15_000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('keeps the wait between 1 s and 1 h', () => {
    expect(retryAfterMs('0', now)).toBe(1_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(1_000);
    expect(retryAfterMs('999999', now)).toBe(3_600_000);
  });

  it('gives nothing for a missing or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });
});
