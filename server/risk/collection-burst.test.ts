import { describe, expect, it } from 'vitest';
import { collectionBurst } from './collection-burst';
import { addDays } from './days';
import { departureWindow } from './departure';
import type { DailyActivity } from './indicators';
import { RISK_MODEL } from './model';
import { busiestRun, peerContext } from './peers';
import { scoreEmployee } from './score';

const TODAY = '2026-11-02';
const NOW = new Date(`${TODAY}T18:00:00Z`);
const FROM = addDays(TODAY, -(RISK_MODEL.windowDays - 1));
const weighNothing = () => 1;

/** `days` days ending today of a rep who exports `rows(ago)` (0: nothing that day), heartbeats on every day. */
function rep(rows: (ago: number) => number, days = 120): DailyActivity[] {
  const out: DailyActivity[] = [];
  for (let ago = days - 1; ago >= 0; ago--) {
    const r = rows(ago);
    out.push({ day: addDays(TODAY, -ago), values: { heartbeats: 1, ...(r > 0 ? { export_rows: r, exports: 1 } : {}) } });
  }
  return out;
}
/** A rep's ordinary month: a 100–180-row export every ninth day. */
const ordinary = (seed: number) => (ago: number) => ((ago + seed) % 9 === 0 ? 100 + ((seed * 37 + ago) % 80) : 0);
const peers = (extra: DailyActivity[][] = []) => peerContext('sales', [...Array.from({ length: 30 }, (_, i) => rep(ordinary(i))), ...extra], NOW);

describe('a burst of collection', () => {
  it('sees most of a book exported in three days, weeks before any notice', () => {
    const leaker = rep((ago) => (ago >= 10 && ago <= 12 ? 600 : ago < 25 ? 0 : ordinary(3)(ago)));
    const found = collectionBurst(leaker, FROM, TODAY, undefined, peers([leaker]), RISK_MODEL, weighNothing);
    // 1,800 rows against a 500-row floor (the peers' busiest weeks are far below it): log2(3.6) ≈ 1.85 doublings.
    expect(found?.raw).toBeCloseTo(RISK_MODEL.collectionBurstPerDoubling * Math.log2(1800 / 500), 1);
    expect(found?.summary).toMatch(/Collected 1,800 contacts \(export rows and copies\) from 2026-10-21 to 2026-10-23: 10\.4× this person's busiest 7 days of the 90 before \(173\), above the floor of 500 for 7 days \(95% of the sales group stay under 179\)\./);
  });

  it('adds its points to the score, explained as its own factor', () => {
    const leaker = rep((ago) => (ago >= 3 && ago <= 5 ? 600 : ordinary(3)(ago)));
    const risk = scoreEmployee({ employee: 'l@x', now: NOW, daily: leaker, notable: [], lineage: new Map(), hrSignals: [], peers: peers([leaker]), sequenceWindowHours: 48 });
    expect(risk.factors.map((f) => f.id)).toContain('collection_burst');
  });

  it('is high with no notice and nothing sent out, at under four times both ceilings', () => {
    // 1,800 rows in three days against a 500-row floor the peers stay far below: 3.6× the larger ceiling.
    const leaker = rep((ago) => (ago >= 1 && ago <= 3 ? 600 : ordinary(3)(ago)));
    const risk = scoreEmployee({ employee: 'l@x', now: NOW, daily: leaker, notable: [], lineage: new Map(), hrSignals: [], peers: peers([leaker]), sequenceWindowHours: 48 });
    expect(risk.level).toBe('high');
    // Half as much (2.1× the floor) stays below high: a busy week is not theft.
    const busy = rep((ago) => (ago >= 1 && ago <= 3 ? 350 : ordinary(3)(ago)));
    expect(scoreEmployee({ employee: 'b@x', now: NOW, daily: busy, notable: [], lineage: new Map(), hrSignals: [], peers: peers([busy]), sequenceWindowHours: 48 }).score).toBeLessThan(60);
  });

  it('leaves alone a rep at their usual, however the month-end falls', () => {
    for (let seed = 0; seed < 10; seed++) {
      expect(collectionBurst(rep(ordinary(seed)), FROM, TODAY, undefined, peers(), RISK_MODEL, weighNothing)).toBeUndefined();
    }
  });

  it('leaves alone a person whose busy weeks are as busy as this one (their own usual)', () => {
    const analyst = rep((ago) => (ago % 30 < 3 ? 700 : 0));
    expect(collectionBurst(analyst, FROM, TODAY, undefined, peers([analyst]), RISK_MODEL, weighNothing)).toBeUndefined();
  });

  it('leaves alone the same volume in a group where such weeks are usual', () => {
    const analysts = Array.from({ length: 20 }, (_, i) => rep((ago) => ((ago + i) % 14 < 3 ? 700 : 0)));
    const newcomer = rep((ago) => (ago >= 10 && ago <= 12 ? 600 : ordinary(3)(ago)));
    const group = peerContext('sales_ops', [...analysts, newcomer], NOW);
    expect(collectionBurst(newcomer, FROM, TODAY, undefined, group, RISK_MODEL, weighNothing)).toBeUndefined();
  });

  it('does not judge a handover: days from the notice on are not a burst', () => {
    const leaver = rep((ago) => (ago >= 2 && ago <= 4 ? 600 : ordinary(3)(ago)));
    expect(collectionBurst(leaver, FROM, TODAY, addDays(TODAY, -5), peers([leaver]), RISK_MODEL, weighNothing)).toBeUndefined();
    // The same run before the notice is judged.
    expect(collectionBurst(leaver, FROM, TODAY, addDays(TODAY, 1), peers([leaver]), RISK_MODEL, weighNothing)).toBeDefined();
  });

  it('keeps the handover from the resignation when a termination follows it', () => {
    const resigned = [{ kind: 'resignation_notice' as const, effectiveDate: addDays(TODAY, -23) }];
    const terminated = [...resigned, { kind: 'termination' as const, effectiveDate: addDays(TODAY, -2) }];
    expect(departureWindow(terminated, RISK_MODEL)?.noticeDay).toBe(addDays(TODAY, -23));
    expect(departureWindow([{ kind: 'termination', effectiveDate: addDays(TODAY, -2) }], RISK_MODEL)?.noticeDay).toBe(addDays(TODAY, -2));
    // Handover exports the days after the resignation: no burst, whatever came after.
    const leaver = rep((ago) => (ago >= 20 && ago <= 22 ? 600 : ordinary(3)(ago)));
    const score = (hrSignals: typeof terminated) => scoreEmployee({ employee: 'l@x', now: NOW, daily: leaver, notable: [], lineage: new Map(), hrSignals, peers: peers([leaver]), sequenceWindowHours: 48 });
    expect(score(terminated).factors.map((f) => f.id)).not.toContain('collection_burst');
    expect(score(resigned).factors.map((f) => f.id)).not.toContain('collection_burst');
  });

  it('judges runs inside the window only: a burst just before it is the window\'s past', () => {
    const earlier = rep((ago) => (ago >= 31 && ago <= 33 ? 600 : ago < 40 ? 0 : ordinary(3)(ago)));
    expect(collectionBurst(earlier, FROM, TODAY, undefined, peers([earlier]), RISK_MODEL, weighNothing)).toBeUndefined();
    // A departure look-back reaches further back and sees it.
    expect(collectionBurst(earlier, addDays(TODAY, -60), TODAY, undefined, peers([earlier]), RISK_MODEL, weighNothing)).toBeDefined();
  });

  it('keeps judging with a minimum history longer than the baseline an override asks for', () => {
    const leaker = rep((ago) => (ago >= 10 && ago <= 12 ? 600 : ordinary(3)(ago)), 200);
    const model = { ...RISK_MODEL, collectionBurstMinHistoryDays: 180 };
    expect(collectionBurst(leaker.filter((d) => d.day >= addDays(FROM, -90)), FROM, TODAY, undefined, peers([leaker]), model, weighNothing)).toBeDefined();
  });

  it('does not judge a new hire\'s inherited territory: too little history before the run', () => {
    const hire = rep((ago) => (ago === 15 ? 1500 : ordinary(3)(ago)), 20);
    expect(collectionBurst(hire, FROM, TODAY, undefined, peers([hire]), RISK_MODEL, weighNothing)).toBeUndefined();
  });

  it('counts the history up to the run\'s first day of collection: empty days and an export too early to judge are not the run', () => {
    // Everyone starts together at the rollout, 32 days ago; a book taken on days 30–32 (ago 2–0). The 7 days
    // ending today begin on day 26 and hold an ordinary 50-row export on day 28, but the run begins on day 30,
    // after a month of history, and that export is part of the usual it is compared with.
    const rollout = (rows: (ago: number) => number) => rep(rows, 33);
    const group = Array.from({ length: 30 }, (_, i) => rollout(ordinary(i)));
    const judge = (person: DailyActivity[]) => collectionBurst(person, FROM, TODAY, undefined, peerContext('sales', [...group, person], NOW), RISK_MODEL, weighNothing);
    const leaker = rollout((ago) => (ago <= 2 ? 600 : ago === 4 ? 50 : ordinary(0)(ago)));
    expect(judge(leaker)?.summary).toMatch(/^Collected 1,800 contacts \(export rows and copies\) from 2026-10-31 to 2026-11-02: 11\.3× this person's busiest 7 days of the 90 before \(159\), /);
    // A run that straddles the month: only its days after the month are judged, against a usual that holds the
    // day before it.
    const straddling = rollout((ago) => (ago <= 3 && ago >= 1 ? 600 : ordinary(0)(ago)));
    expect(judge(straddling)?.summary).toMatch(/^Collected 1,300 contacts \(export rows and copies\) from 2026-10-31 to 2026-11-02: 1\.8× this person's busiest 7 days of the 90 before \(709\), /);
    // Wholly before the month, nothing is judged.
    expect(judge(rollout((ago) => (ago >= 3 && ago <= 5 ? 600 : ordinary(0)(ago))))).toBeUndefined();
    // A run of one day is named by its day.
    const oneDay = rollout((ago) => (ago === 0 ? 1800 : ordinary(0)(ago)));
    expect(judge(oneDay)?.summary).toMatch(/^Collected 1,800 contacts \(export rows and copies\) on 2026-11-02: /);
  });

  it('keeps its own usual from before the run: a fortnight of bursts does not become the ceiling', () => {
    const leaker = rep((ago) => (ago < 14 && ago % 2 === 0 ? 600 : ordinary(3)(ago)));
    const found = collectionBurst(leaker, FROM, TODAY, undefined, peers([leaker]), RISK_MODEL, weighNothing);
    expect(found?.summary).toMatch(/Collected 2,400 contacts/);
  });

  it('leaves the scored person\'s own weeks out of the peers\' percentile', () => {
    // A group of five, two of whom burst: with their own busiest week in the pool, each would hide behind it.
    const quiet = Array.from({ length: 3 }, (_, i) => rep(ordinary(i)));
    const burster = rep((ago) => (ago >= 10 && ago <= 12 ? 900 : ordinary(3)(ago)));
    const group = peerContext('small', [...quiet, burster, rep(ordinary(7))], NOW);
    expect(group.collectionSorted?.burst?.at(-1)).toBe(busiestRun(new Map(burster.filter((d) => d.values.export_rows).map((d) => [d.day, d.values.export_rows!])), addDays(FROM, -90), TODAY, 7));
    expect(collectionBurst(burster, FROM, TODAY, undefined, group, RISK_MODEL, weighNothing)).toBeDefined();
  });
});
