import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { atLevel } from '../risk/lineage';
import { keyFingerprint, keyRecordHash, withoutFingerprints } from './fingerprint-keying';

const KEY = 'fingerprint-key-for-this-test-0123456789';
const sample = (n: number) => Array.from({ length: n }, (_, i) => createHash('sha256').update(`c${i}@acme.example`).digest('hex').slice(0, 16));

describe('keyFingerprint', () => {
  it('keeps equal fingerprints equal and different ones different, in the stored format', () => {
    const fps = sample(2000);
    const keyed = fps.map((fp) => keyFingerprint(KEY, fp));
    expect(keyed.every((k) => /^[0-9a-f]{16}$/.test(k))).toBe(true);
    expect(new Set(keyed).size).toBe(2000);
    expect(keyFingerprint(KEY, fps[0]!)).toBe(keyed[0]);
    expect(keyed.some((k, i) => k === fps[i])).toBe(false);
  });

  it('samples exactly the fingerprints the originals sampled, at every level', () => {
    const fps = [...sample(5000), '0000000000000001', '0001abcdefabcdef', '8000000000000000'];
    for (let level = 0; level <= 16; level++) {
      const kept = new Set(atLevel(fps, level).map((fp) => keyFingerprint(KEY, fp)));
      expect(new Set(atLevel(fps.map((fp) => keyFingerprint(KEY, fp)), level))).toEqual(kept);
    }
  });

  it('depends on the key: the same fingerprint under another key does not match', () => {
    const [fp] = sample(1);
    expect(keyFingerprint('another-key-entirely-0123456789abcdef', fp!)).not.toBe(keyFingerprint(KEY, fp!));
    expect(keyRecordHash('another-key-entirely-0123456789abcdef', fp!)).not.toBe(keyRecordHash(KEY, fp!));
  });
});

describe('withoutFingerprints', () => {
  it('drops every fingerprint field and keeps the rest', () => {
    expect(withoutFingerprints({ id: 'x', fingerprints: ['a'], fingerprintLevel: 2, recordHash: 'b', rows: 3 })).toEqual({ id: 'x', rows: 3 });
  });
});
