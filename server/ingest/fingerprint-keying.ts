import { createHmac } from 'node:crypto';
import type { Event } from '../../shared/events';

/**
 * What the server stores of a contact fingerprint. A device sends SHA-256(salt, address) truncated; the
 * salt must be on every device, so anyone with one device (or the enrollment token) and a list of
 * candidate addresses could reverse those. The server therefore keeps only HMAC(key, fingerprint) under
 * a key that lives outside the database (server/auth/deployment-keys.ts): a database dump plus a
 * device's salt matches nothing. Equal fingerprints stay equal, so lineage matches exactly as before.
 *
 * Sampling (shared/events.ts `fingerprintLevel`) keeps fingerprints by their leading zero bits; the
 * keyed form carries that count, and nothing else of the original, in its first 16 bits, so
 * `atLevel` (server/risk/lineage.ts) samples keyed fingerprints exactly as it sampled the originals.
 */
export function keyFingerprint(key: string, fingerprint: string): string {
  const zeros = Math.min(16, Math.clz32(Number.parseInt(fingerprint.slice(0, 4), 16)) - 16);
  const marker = (2 ** (16 - zeros) - 1).toString(16).padStart(4, '0');
  return marker + mac(key, `contact\n${fingerprint}`).slice(0, 12);
}

/** A CRM record's hash: only ever compared for equality, so all 64 bits come from the key. */
export function keyRecordHash(key: string, recordHash: string): string {
  return mac(key, `record\n${recordHash}`).slice(0, 16);
}

/**
 * Keys every fingerprint of a batch in place before it is stored (the parsed body is the request's own
 * copy). A set under a rotated-out salt is kept only where `keepPrevious` says the event happened in a
 * rotation's window (server/policy/fingerprint-salt.ts); elsewhere it is dropped.
 */
export function keyEventFingerprints(events: Event[], key: string, keepPrevious: (event: Event) => boolean = () => false): void {
  for (const event of events) {
    if ('fingerprints' in event) event.fingerprints = event.fingerprints.map((fp) => keyFingerprint(key, fp));
    if ('previousFingerprints' in event && event.previousFingerprints) {
      if (event.previousFingerprints.length > 0 && keepPrevious(event)) event.previousFingerprints = event.previousFingerprints.map((fp) => keyFingerprint(key, fp));
      else delete event.previousFingerprints;
    }
    if ('recordHash' in event) event.recordHash = keyRecordHash(key, event.recordHash);
  }
}

/**
 * An event as people and integrations see it: no fingerprint of any kind. Even keyed ones are left
 * out: they are the server's matching material, and nobody's business to read.
 */
export function withoutFingerprints<T extends object>(event: T): Omit<T, 'fingerprints' | 'fingerprintLevel' | 'recordHash' | 'previousFingerprints'> {
  const { fingerprints: _f, fingerprintLevel: _l, recordHash: _r, previousFingerprints: _p, ...rest } = event as T & { fingerprints?: unknown; fingerprintLevel?: unknown; recordHash?: unknown; previousFingerprints?: unknown };
  return rest;
}

function mac(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}
