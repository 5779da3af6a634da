import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from './errors';

/**
 * A token bucket per key (an address, a presented secret): `burst` requests at once, then `perMinute`.
 * In memory, per server process: N servers behind a load balancer allow N times as much, still bounded.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one request from `key`'s bucket; returns the seconds to wait when it is empty. */
  take(key: string): number | undefined {
    const now = this.clock();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (this.buckets.size > 100_000) this.forgetFull(now, rate);
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  /** Buckets that have refilled hold nothing worth keeping; forgetting them bounds memory under a flood of keys. */
  private forgetFull(now: number, rate: number) {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.burst) this.buckets.delete(key);
  }
}

/** Throws 429 with Retry-After when any of `keys` has used up its bucket in `limiter`. */
export function enforceRateLimit(c: Context, limiter: RateLimiter, keys: string[]) {
  const waits = keys.map((key) => limiter.take(key)).filter((s): s is number => s !== undefined);
  if (waits.length === 0) return;
  const seconds = Math.max(...waits);
  c.header('Retry-After', String(seconds));
  throw new ApiError(429, 'rate_limited', `too many requests; retry in ${seconds} s`, { retryAfterSeconds: seconds });
}

/** The peer's address; requests without a socket (tests calling `app.request`) share one key. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
