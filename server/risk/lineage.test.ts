import { describe, expect, it } from 'vitest';
import { atLevel, distinctContacts, isSignificantLineage, matchLineage } from './lineage';

const fps = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => (i + offset).toString(16).padStart(16, '0'));
const set = (eventId: string, fingerprints: string[], fingerprintLevel = 0) => ({ eventId, fingerprints, fingerprintLevel });

describe('matchLineage', () => {
  it('reports the share of an upload’s contacts seen in the CRM and the sources', () => {
    const match = matchLineage(set('u', fps(10)), [set('a', fps(6)), set('b', fps(100, 500))]);
    expect(match).toEqual({ matched: 6, total: 10, share: 0.6, sourceEventIds: ['a'], matchedFingerprints: fps(6), level: 0 });
  });

  it('counts a contact seen in two CRM events once', () => {
    expect(matchLineage(set('u', fps(4)), [set('a', fps(3)), set('b', fps(4))])).toMatchObject({ matched: 4, sourceEventIds: ['a', 'b'] });
  });

  it('finds nothing for unrelated contacts or empty sets', () => {
    expect(matchLineage(set('u', fps(10)), [set('a', fps(10, 1000))])).toBeUndefined();
    expect(matchLineage(set('u', []), [set('a', fps(10))])).toBeUndefined();
    expect(matchLineage(set('u', fps(3)), [])).toBeUndefined();
  });

  it('compares sampled sets at the coarser level', () => {
    // Fingerprints whose first 16 bits are below 2^15 survive level 1.
    const all = ['0000aaaaaaaaaaaa', '7fffbbbbbbbbbbbb', '8000cccccccccccc', 'ffffdddddddddddd'];
    expect(atLevel(all, 1)).toEqual(['0000aaaaaaaaaaaa', '7fffbbbbbbbbbbbb']);
    const match = matchLineage(set('u', all), [set('a', atLevel(all, 1), 1)]);
    expect(match).toMatchObject({ matched: 2, total: 2, share: 1 });
  });
});

describe('isSignificantLineage', () => {
  it('needs more than a single shared address', () => {
    expect(isSignificantLineage({ matched: 1, total: 1, share: 1, sourceEventIds: [] })).toBe(false);
    expect(isSignificantLineage({ matched: 2, total: 3, share: 0.67, sourceEventIds: [] })).toBe(true);
    expect(isSignificantLineage({ matched: 2, total: 100, share: 0.02, sourceEventIds: [] })).toBe(false);
    expect(isSignificantLineage({ matched: 3, total: 100, share: 0.03, sourceEventIds: [] })).toBe(true);
    expect(isSignificantLineage(undefined)).toBe(false);
  });
});

describe('distinctContacts', () => {
  const crm = [set('export', fps(60))];
  it('counts the same contacts sent three times once', () => {
    const upload = matchLineage(set('u1', fps(48)), crm)!;
    const paste = matchLineage(set('p', fps(48)), crm)!;
    const again = matchLineage(set('u2', fps(48)), crm)!;
    expect(distinctContacts([upload, paste, again])).toBe(48);
  });

  it('adds contacts that differ between uploads', () => {
    expect(distinctContacts([matchLineage(set('u1', fps(48)), crm)!, matchLineage(set('u2', fps(60)), crm)!])).toBe(60);
    expect(distinctContacts([matchLineage(set('u1', fps(20)), crm)!, matchLineage(set('u2', fps(20, 30)), crm)!])).toBe(40);
  });

  it('falls back to the largest match for lineage stored without its fingerprints', () => {
    expect(distinctContacts([{ matched: 30, total: 30, share: 1, sourceEventIds: [] }, matchLineage(set('u', fps(12)), crm)!])).toBe(30);
    expect(distinctContacts([])).toBe(0);
  });
});
