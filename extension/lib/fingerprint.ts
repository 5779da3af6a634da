import { MAX_FINGERPRINTS } from '../../shared/events';

/**
 * Salted, truncated SHA-256 of each address: the server can tell that an upload carries the same contacts
 * as a CRM copy without ever receiving an address. The salt is per deployment (from the policy), so the
 * hashes mean nothing elsewhere; 64 bits keep collisions negligible for millions of contacts.
 */
export async function fingerprint(value: string, salt: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${salt}\n${value.trim().toLowerCase()}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (let i = 0; i < 8; i++) hex += digest[i]!.toString(16).padStart(2, '0');
  return hex;
}

export interface SampledFingerprints {
  fingerprints: string[];
  fingerprintLevel: number;
}

/** Fingerprints of distinct addresses, sampled by leading zero bits when there are more than `MAX_FINGERPRINTS`. */
export async function fingerprintContacts(emails: readonly string[], salt: string | undefined): Promise<SampledFingerprints> {
  if (!salt || emails.length === 0) return { fingerprints: [], fingerprintLevel: 0 };
  const all = [...new Set(await Promise.all(emails.map((e) => fingerprint(e, salt))))];
  let level = 0;
  let kept = all;
  while (kept.length > MAX_FINGERPRINTS && level < 16) {
    level++;
    const limit = 2 ** (16 - level);
    kept = kept.filter((fp) => Number.parseInt(fp.slice(0, 4), 16) < limit);
  }
  return { fingerprints: kept.sort(), fingerprintLevel: level };
}
