import { beforeAll, describe, it, expect } from 'vitest';
import { Fingerprint, MAX_FINGERPRINTS } from '../../shared/events';
import { atLevel } from '../../server/risk/lineage';
import { fingerprint, fingerprintContacts, fingerprintUnderPolicy } from './fingerprint';

const SALT = 'deployment-salt-0123456789';

/** The first `bits` bits of a fingerprint, as a string of 0s and 1s. */
const leadingBits = (fp: string, bits: number) =>
  [...fp].map((hex) => Number.parseInt(hex, 16).toString(2).padStart(4, '0')).join('').slice(0, bits);

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `contact${i}@example.com`);

describe('fingerprint', () => {
  it('is 16 lowercase hex digits, as the wire schema requires', async () => {
    const fp = await fingerprint('ivan@example.ru', SALT);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(Fingerprint.safeParse(fp).success).toBe(true);
  });

  it('is the first 8 bytes of SHA-256 over salt, newline, normalised value', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${SALT}\nivan@example.ru`)));
    const expected = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(await fingerprint('ivan@example.ru', SALT)).toBe(expected);
  });

  it('is stable for the same salt and value', async () => {
    expect(await fingerprint('ivan@example.ru', SALT)).toBe(await fingerprint('ivan@example.ru', SALT));
  });

  it('ignores case and surrounding whitespace', async () => {
    const fp = await fingerprint('ivan@example.ru', SALT);
    expect(await fingerprint('Ivan@Example.RU', SALT)).toBe(fp);
    expect(await fingerprint('  ivan@example.ru\t\n', SALT)).toBe(fp);
  });

  it('differs between values and between salts', async () => {
    const fp = await fingerprint('ivan@example.ru', SALT);
    expect(await fingerprint('anna@example.ru', SALT)).not.toBe(fp);
    expect(await fingerprint('ivan@example.ru', `${SALT}-other`)).not.toBe(fp);
  });
});

describe('fingerprintContacts', () => {
  it('fingerprints each distinct address once, sorted', async () => {
    const result = await fingerprintContacts(['ivan@example.ru', 'Ivan@Example.ru', ' ivan@example.ru ', 'anna@example.ru'], SALT);
    const expected = [await fingerprint('ivan@example.ru', SALT), await fingerprint('anna@example.ru', SALT)].sort();
    expect(result).toEqual({ fingerprints: expected, fingerprintLevel: 0 });
  });

  it('is empty at level 0 without a salt or without addresses', async () => {
    expect(await fingerprintContacts(['ivan@example.ru'], '')).toEqual({ fingerprints: [], fingerprintLevel: 0 });
    expect(await fingerprintContacts(['ivan@example.ru'], undefined)).toEqual({ fingerprints: [], fingerprintLevel: 0 });
    expect(await fingerprintContacts([], SALT)).toEqual({ fingerprints: [], fingerprintLevel: 0 });
  });

  it('keeps all of exactly MAX_FINGERPRINTS addresses', async () => {
    const result = await fingerprintContacts(addresses(MAX_FINGERPRINTS), SALT);
    expect(result.fingerprints).toHaveLength(MAX_FINGERPRINTS);
    expect(result.fingerprintLevel).toBe(0);
  });

  it('counts duplicates once before deciding to sample', async () => {
    const list = addresses(MAX_FINGERPRINTS);
    const result = await fingerprintContacts([...list, ...list.map((a) => a.toUpperCase())], SALT);
    expect(result.fingerprints).toHaveLength(MAX_FINGERPRINTS);
    expect(result.fingerprintLevel).toBe(0);
  });

  describe('above MAX_FINGERPRINTS distinct addresses', () => {
    const emails = addresses(3 * MAX_FINGERPRINTS);
    let all: string[] = [];
    let fingerprints: string[] = [];
    let fingerprintLevel = 0;
    beforeAll(async () => {
      all = await Promise.all(emails.map((e) => fingerprint(e, SALT)));
      ({ fingerprints, fingerprintLevel } = await fingerprintContacts(emails, SALT));
    });

    it('samples by leading zero bits', () => {
      expect(fingerprints.length).toBeLessThanOrEqual(MAX_FINGERPRINTS);
      expect(fingerprints.length).toBeGreaterThan(0);
      expect(fingerprintLevel).toBeGreaterThan(0);
      expect(fingerprintLevel).toBeLessThanOrEqual(16);
      for (const fp of fingerprints) expect(leadingBits(fp, fingerprintLevel)).toBe('0'.repeat(fingerprintLevel));
    });

    it('keeps every fingerprint whose leading bits are zero, at the lowest level that fits', () => {
      const zeroAt = (level: number) => all.filter((fp) => leadingBits(fp, level) === '0'.repeat(level));
      expect(fingerprints).toEqual(zeroAt(fingerprintLevel).sort());
      expect(zeroAt(fingerprintLevel - 1).length).toBeGreaterThan(MAX_FINGERPRINTS);
    });

    it('keeps the same subset as the server’s atLevel', () => {
      expect(fingerprints).toEqual(atLevel(all, fingerprintLevel).sort());
    });

    it('lets a smaller sample of the same contacts be compared at the coarser level', async () => {
      // A CRM copy of all contacts and an upload of some of them, each sampled on its own.
      const copy = { fingerprints, fingerprintLevel };
      const uploaded = emails.slice(0, MAX_FINGERPRINTS + 1);
      const upload = await fingerprintContacts(uploaded, SALT);
      expect(upload.fingerprintLevel).toBeGreaterThan(0);
      expect(upload.fingerprintLevel).toBeLessThan(copy.fingerprintLevel);

      const level = Math.max(copy.fingerprintLevel, upload.fingerprintLevel);
      const uploadAtLevel = atLevel(upload.fingerprints, level);
      const uploadedAll = await Promise.all(uploaded.map((e) => fingerprint(e, SALT)));
      expect(uploadAtLevel).toEqual(atLevel(uploadedAll, level).sort());
      const copied = new Set(atLevel(copy.fingerprints, level));
      for (const fp of uploadAtLevel) expect(copied.has(fp)).toBe(true);
    });
  });
});

describe('fingerprintUnderPolicy: a salt rotation', () => {
  const OLD = 'the-salt-before-the-rotation';
  const NEW = 'the-salt-after-the-rotation!';
  const contacts = ['ivan@example.ru', 'anna@example.ru', 'olga@example.ru'];
  const policy = { fingerprintSalt: NEW, previousFingerprintSalt: { salt: OLD, until: '2026-03-01T00:00:00.000Z' } };
  const under = (salt: string) => Promise.all(contacts.map((e) => fingerprint(e, salt))).then((fps) => fps.sort());

  it('fingerprints under both salts while the window is open', async () => {
    const result = await fingerprintUnderPolicy(contacts, policy, new Date('2026-02-28T23:59:00Z'));
    expect(result.fingerprints).toEqual(await under(NEW));
    expect(result.previousFingerprints).toEqual(await under(OLD));
    expect(result.fingerprintLevel).toBe(0);
  });

  it('uses only the new salt once the window has closed, even with a policy not yet refreshed', async () => {
    const result = await fingerprintUnderPolicy(contacts, policy, new Date('2026-03-01T00:00:00Z'));
    expect(result).toEqual({ fingerprints: await under(NEW), fingerprintLevel: 0 });
  });

  it('sends no previous set without a rotation', async () => {
    expect(await fingerprintUnderPolicy(contacts, { fingerprintSalt: NEW })).toEqual({ fingerprints: await under(NEW), fingerprintLevel: 0 });
  });

  it('samples both sets at one level at which both fit', async () => {
    const many = addresses(2 * MAX_FINGERPRINTS);
    const result = await fingerprintUnderPolicy(many, policy, new Date('2026-02-01T00:00:00Z'));
    expect(result.fingerprintLevel).toBeGreaterThan(0);
    expect(result.fingerprints.length).toBeLessThanOrEqual(MAX_FINGERPRINTS);
    expect(result.previousFingerprints!.length).toBeLessThanOrEqual(MAX_FINGERPRINTS);
    // Each set is exactly its salt's fingerprints at that level: the rule the server's atLevel applies.
    const allOld = await Promise.all(many.map((e) => fingerprint(e, OLD)));
    expect(result.previousFingerprints).toEqual(atLevel(allOld, result.fingerprintLevel).sort());
    const allNew = await Promise.all(many.map((e) => fingerprint(e, NEW)));
    expect(result.fingerprints).toEqual(atLevel(allNew, result.fingerprintLevel).sort());
  });
});
