import { createHash } from 'node:crypto';
import { MAX_FINGERPRINTS } from '../../../shared/events';
import type { Book } from './people';

/**
 * The company's clients, as integer ids with an address each, and their fingerprints keyed as the
 * extension keys them (extension/lib/fingerprint.ts): SHA-256 of `salt\naddress`, first 8 bytes in hex.
 * Salesforce holds ids 0-59,999 and HubSpot 24,000-103,999: the 36,000 in both are the same addresses,
 * so a HubSpot export and a Salesforce copy of one client give the same fingerprint.
 */
export const SALESFORCE_CONTACTS = { offset: 0, size: 60_000 } as const;
export const HUBSPOT_CONTACTS = { offset: 24_000, size: 80_000 } as const;
const HUBSPOT_PORTAL = 4_411_027;

const GIVEN = ['anna', 'ben', 'carla', 'dev', 'elif', 'farid', 'gina', 'hugo', 'iris', 'jamal', 'kira', 'luis', 'mona', 'nils', 'oren', 'pia', 'quinn', 'rosa', 'sven', 'tara'];
const FAMILY = ['adler', 'bauer', 'castro', 'dubois', 'evans', 'fong', 'gupta', 'hale', 'ito', 'jensen', 'kaur', 'lopez', 'moreau', 'novak', 'ortiz', 'park', 'quist', 'reyes', 'sato', 'tran'];
const SECTORS = ['logistics', 'retail', 'foods', 'pharma', 'motors', 'textiles', 'energy', 'build', 'media', 'agro'];

/** Sampled fingerprints as an event carries them, with the number of distinct addresses behind them. */
export interface SampledContacts {
  emailCount: number;
  fingerprints: string[];
  fingerprintLevel: number;
}

export class ContactBook {
  private readonly cache: (string | undefined)[] = [];

  constructor(readonly salt: string) {}

  /** A client's address; the same id always gives the same address. */
  email(id: number): string {
    const company = `example-${SECTORS[id % SECTORS.length]}${Math.floor(id / 37) % 4001}`;
    return `${GIVEN[(id * 7) % GIVEN.length]}.${FAMILY[(id * 13 + 5) % FAMILY.length]}${id}@${company}.com`;
  }

  fingerprint(id: number): string {
    return (this.cache[id] ??= this.keyed(this.email(id)));
  }

  /** The extension's salted hash of any text, normalised as it normalises addresses. */
  keyed(text: string): string {
    return createHash('sha256').update(`${this.salt}\n${text.trim().toLowerCase()}`).digest().subarray(0, 8).toString('hex');
  }

  /**
   * Fingerprints of distinct contacts; above `MAX_FINGERPRINTS` only those whose first `level` bits are zero
   * are kept, the level being the smallest that brings the set under the limit (the extension's rule).
   */
  sample(ids: readonly number[]): SampledContacts {
    const distinct = new Set<string>();
    for (const id of ids) distinct.add(this.fingerprint(id));
    let kept = [...distinct];
    let level = 0;
    if (kept.length > MAX_FINGERPRINTS) {
      const leading = kept.map((fp) => Number.parseInt(fp.slice(0, 4), 16));
      const keptAt = (l: number) => leading.reduce((n, bits) => n + (bits < 2 ** (16 - l) ? 1 : 0), 0);
      while (level < 16 && keptAt(level) > MAX_FINGERPRINTS) level++;
      kept = kept.filter((_, i) => leading[i]! < 2 ** (16 - level));
    }
    return { emailCount: distinct.size, fingerprints: kept.sort(), fingerprintLevel: level };
  }

  /** `count` consecutive contacts of a book from `from` on, wrapping inside the book. */
  slice(book: Book, from: number, count: number): number[] {
    const n = Math.min(count, book.size);
    return Array.from({ length: n }, (_, i) => book.offset + ((from + i) % book.size));
  }

  /** The record hash the extension reports for a record view: the keyed hash of `crm:recordId`. */
  recordHash(crm: 'salesforce' | 'hubspot', objectType: string, id: number): string {
    return this.keyed(`${crm}:${crm === 'hubspot' ? `${HUBSPOT_PORTAL}:${objectType}:${100_000 + id}` : salesforceId(objectType, id)}`);
  }
}

const PREFIXES: Record<string, string> = { Contact: '003', Account: '001', Lead: '00Q', Opportunity: '006', Case: '500', Report: '00O' };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 15-character Salesforce id: key prefix, pod and instance characters, then the record number. */
function salesforceId(objectType: string, id: number): string {
  let digits = '';
  for (let n = id; digits.length < 7; n = Math.floor(n / 62)) digits = BASE62[n % 62] + digits;
  return `${PREFIXES[objectType] ?? '001'}Hs00${digits.padStart(8, '0')}`;
}
