import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import { RISK_MODEL } from './model';
import { cumulativeP95Excluding, leavingOut, ownValue, PeerPool, type PeerContext } from './peers';
import { scoreEmployee } from './score';

describe('cumulativeP95Excluding', () => {
  const peers = (values: number[]): PeerContext => ({ group: 'g', members: values.length, baselines: {}, cumulativeP95: 0, cumulativeSorted: [...values].sort((a, b) => a - b) });
  const naive = (values: number[], own: number) => {
    const others = [...values].sort((a, b) => a - b);
    others.splice(others.indexOf(own), 1);
    return others[Math.min(others.length - 1, Math.floor(0.95 * others.length))];
  };

  it('equals the percentile of the others, whoever is left out', () => {
    const values = Array.from({ length: 97 }, (_, i) => (i * 37) % 101);
    for (const own of values) expect(cumulativeP95Excluding(peers(values), own)).toBe(naive(values, own));
  });

  it('has no percentile when the employee is the only member', () => {
    expect(cumulativeP95Excluding(peers([60]), 60)).toBe(0);
  });

  it('leaves out the employee’s own large total', () => {
    expect(cumulativeP95Excluding(peers([0, 0, 0, 0, 5000]), 5000)).toBe(0);
  });
});

describe('a pool keyed by member', () => {
  const TODAY = '2026-11-02';
  const NOW = new Date(`${TODAY}T18:00:00Z`);
  /** A member active on the last 150 days who exports `rows(ago)` rows. */
  const member = (rows: (ago: number) => number) =>
    Array.from({ length: 150 }, (_, i) => 149 - i).map((ago) => ({ day: addDays(TODAY, -ago), values: { heartbeats: 1, ...(rows(ago) > 0 ? { export_rows: rows(ago), exports: 1 } : {}) } }));
  const quiet = (seed: number) => member((ago) => ((ago + seed) % 10 === 0 ? 80 : 0));
  // A leaver in a small group: 150 rows a day for the last 60 days, their notice today.
  const leaver = member((ago) => (ago < 60 ? 150 : (ago % 10 === 0 ? 80 : 0)));
  const signals = [{ kind: 'resignation_notice' as const, effectiveDate: TODAY }];

  function pool(keyed: boolean) {
    const p = new PeerPool('small', NOW);
    Array.from({ length: 8 }, (_, i) => quiet(i)).forEach((m, i) => p.add(m, undefined, keyed ? `q${i}@x` : undefined));
    p.add(leaver, undefined, keyed ? 'leaver@x' : undefined);
    return p.context();
  }
  const collected = (peers: PeerContext) =>
    scoreEmployee({ employee: 'leaver@x', now: NOW, daily: leaver, notable: [], lineage: new Map(), hrSignals: signals, peers, sequenceWindowHours: 24 }).factors.find((f) => f.id === 'cumulative_collection');

  it('leaves out what it holds for the person, though a departure\'s look-back makes their own total longer than the window', () => {
    // Unkeyed, the leaver's 30-day total (4,500) is not their look-back total (9,000+), so it stays among the
    // peers and, in a group of nine, is the 95th percentile their collection is compared with.
    expect(pool(false).collectionSorted!.rows.at(-1)).toBe(4500);
    expect(collected(pool(true))?.summary).toMatch(/above what 95% of the small group reaches: 1,000/);
    expect(collected(pool(false))?.summary ?? '').not.toMatch(/reaches: 1,000\)/);
  });

  it('leaves nothing more out once leavingOut has taken the person out', () => {
    const peers = pool(true);
    const without = leavingOut(peers, leaver, NOW, RISK_MODEL, undefined, 'leaver@x');
    expect(without.collectionSorted!.rows).toHaveLength(8);
    expect(ownValue(without, 'leaver@x', 'rows', 4500)).toBeUndefined();
    expect(ownValue(peers, 'leaver@x', 'rows', 1)).toBe(4500);
    expect(ownValue(peers, 'someone-else@x', 'rows', 7)).toBe(7);
  });
});
