/** When the sender may try again after a failure, kept in storage so a stopped worker keeps to it. */
export interface Backoff {
  attempt: number;
  nextAt: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A server that fails: exponential with full jitter, 5 s, 10 s, 20 s … capped at 15 min. */
export function backoffDelay(attempt: number, random = Math.random): number {
  return jittered(Math.min(15 * MINUTE, 5 * SECOND * 2 ** Math.max(0, attempt - 1)), random);
}

/**
 * No answer at all (connection refused or reset, no network): 2 s, 4 s … capped at 30 s. A refused
 * connection costs the server nothing, and it is what a laptop sees until its network returns, when
 * the queue should go at once rather than after a long backoff.
 */
export function networkRetryDelay(attempt: number, random = Math.random): number {
  return jittered(Math.min(30 * SECOND, 2 * SECOND * 2 ** Math.max(0, attempt - 1)), random);
}

function jittered(ceiling: number, random: () => number): number {
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Milliseconds a 429/503 asks us to wait (`Retry-After` in seconds or as an HTTP date), kept between
 * 1 s and 1 h so a broken header neither floods the server nor parks the queue for days; undefined
 * without a usable header.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * SECOND : /[a-z]/i.test(value) ? Date.parse(value) - now : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(60 * MINUTE, Math.max(SECOND, ms));
}
