import { MAX_FINGERPRINTS } from '../../shared/events';
import type { PreviousFingerprintSalt } from '../../shared/policy';

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
  /** The same contacts under the previous salt, at the same level; only while a rotation's window is open. */
  previousFingerprints?: string[];
}

/**
 * Fingerprints of distinct addresses, sampled by leading zero bits when there are more than `MAX_FINGERPRINTS`.
 * With a previous salt, both sets are taken and sampled at one level (the first at which both fit), since
 * an event carries a single `fingerprintLevel`.
 */
export async function fingerprintContacts(emails: readonly string[], salt: string | undefined, previousSalt?: string): Promise<SampledFingerprints> {
  if (!salt || emails.length === 0) return { fingerprints: [], fingerprintLevel: 0 };
  const sets = [await distinctFingerprints(emails, salt), ...(previousSalt ? [await distinctFingerprints(emails, previousSalt)] : [])];
  let level = 0;
  let kept = sets;
  while (kept.some((set) => set.length > MAX_FINGERPRINTS) && level < 16) {
    level++;
    const limit = 2 ** (16 - level);
    kept = sets.map((set) => set.filter((fp) => Number.parseInt(fp.slice(0, 4), 16) < limit));
  }
  const [current, previous] = kept;
  return { fingerprints: current!.sort(), fingerprintLevel: level, ...(previous && { previousFingerprints: previous.sort() }) };
}

/**
 * Fingerprints under the policy's salt and, until its window closes on this device's clock, under the
 * salt a rotation replaced: the server matches on either (docs/privacy.md, "Rotating the device salt").
 */
export function fingerprintUnderPolicy(
  emails: readonly string[],
  policy: { fingerprintSalt?: string; previousFingerprintSalt?: PreviousFingerprintSalt },
  now: Date = new Date(),
): Promise<SampledFingerprints> {
  const previous = policy.previousFingerprintSalt;
  const open = previous !== undefined && Date.parse(previous.until) > now.getTime();
  return fingerprintContacts(emails, policy.fingerprintSalt, open ? previous.salt : undefined);
}

async function distinctFingerprints(emails: readonly string[], salt: string): Promise<string[]> {
  return [...new Set(await Promise.all(emails.map((e) => fingerprint(e, salt))))];
}
