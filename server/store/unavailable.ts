/**
 * Whether `error` means the database cannot serve right now (busy, full, read-only, unreachable,
 * restarting) rather than that the request or the code is wrong. Such requests are answered 503 with
 * Retry-After: nothing was acknowledged, so the extension keeps the events and sends them again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // better-sqlite3: SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_READONLY_*, SQLITE_IOERR_*, SQLITE_CANTOPEN…
      if (SQLITE_UNAVAILABLE.test(code)) return true;
      // PostgreSQL SQLSTATE: connection exceptions, out of resources (disk full, too many connections), shutdown,
      // serialization failure and deadlock (retrying succeeds), read-only transaction (a standby after failover).
      if (/^(08|53|57P0[1-4])/.test(code) || ['40001', '40P01', '25006', '55P03'].includes(code)) return true;
      // The socket itself: refused, reset, unreachable.
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) return true;
    }
    // node-postgres reports a dropped or timed-out connection by message only.
    if (/^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message)) return true;
  }
  return false;
}

const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOLFS)/;

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL refusing text it cannot hold (U+0000: SQLSTATE 22021, or 22P05 untranslatable character). */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '22021' || code === '22P05';
}
