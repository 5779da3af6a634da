import { createHash } from 'node:crypto';

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
 * SHA-256 over the previous record's hash and this record's fields, in a fixed order: changing,
 * removing or reordering any stored record breaks every hash after it.
 */
export function auditHash(prevHash: string, record: AuditFields): string {
  const fields = [record.seq, record.at, record.actor, record.action, record.target, canonicalJson(record.details)];
  return createHash('sha256').update(`${prevHash}\n${JSON.stringify(fields)}`).digest('hex');
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
