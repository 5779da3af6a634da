import { createHash, createHmac } from 'node:crypto';

/** The hash before the first record of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/**
 * HMAC-SHA256, under the audit key (kept outside the database, server/auth/deployment-keys.ts), over the
 * previous record's hash and this record's fields in a fixed order: changing, removing or reordering a
 * stored record breaks every hash after it, and without the key nobody can compute a replacement chain.
 */
export function auditHash(auditKey: string, prevHash: string, record: AuditFields): string {
  return createHmac('sha256', auditKey).update(`chain\n${chainInput(prevHash, record)}`).digest('hex');
}

/**
 * The unkeyed SHA-256 that records written before the chain was keyed carry. Verification accepts it
 * only before the first keyed record (and the checkpoints say how many there were), never after.
 */
export function legacyAuditHash(prevHash: string, record: AuditFields): string {
  return createHash('sha256').update(chainInput(prevHash, record)).digest('hex');
}

function chainInput(prevHash: string, record: AuditFields): string {
  const fields = [record.seq, record.at, record.actor, record.action, record.target, canonicalJson(record.details)];
  return `${prevHash}\n${JSON.stringify(fields)}`;
}

/** JSON with object keys sorted, so a round trip through a database cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
