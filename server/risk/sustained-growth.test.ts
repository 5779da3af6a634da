import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import type { DailyActivity } from './indicators';
import { RISK_MODEL } from './model';
import { peerContext } from './peers';
import { sustainedGrowth } from './sustained-growth';

const TODAY = '2026-11-02';
/** A small deterministic generator, so a test's "random" days are the same on every run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
/** A lognormal-ish day around `median` (spread about ±45 %). */
const around = (r: () => number, median: number) => Math.round(median * Math.exp(0.45 * (r() + r() + r() - 1.5) * 2));

/** 120 days of a routine worker (weekdays only), with `volume(daysAgo, r)` as the day's rows and views. */
function history(volume: (daysAgo: number, r: () => number) => { rows: number; views: number }, seed = 1): DailyActivity[] {
  const r = mulberry32(seed);
  const days: DailyActivity[] = [];
  for (let ago = 119; ago >= 0; ago--) {
    const day = addDays(TODAY, -ago);
    if (new Date(`${day}T12:00:00Z`).getUTCDay() % 6 === 0) continue;
    const { rows, views } = volume(ago, r);
    days.push({ day, values: { heartbeats: 1, export_rows: rows, exports: rows > 0 ? 1 : 0, record_views: views } });
  }
  return days;
}
const weighNothing = () => 1;
const growth = (daily: DailyActivity[], peers?: ReturnType<typeof peerContext>) => sustainedGrowth(daily, TODAY, peers, RISK_MODEL, weighNothing);

describe('sustained growth against one\'s own usual', () => {
  it('sees a heavy user at twice their usual every day for four weeks, though no day stands out', () => {
    const daily = history((ago, r) => {
      const k = ago < 28 ? 2 : 1;
      return { rows: r() < 0.85 ? around(r, 1200 * k) : 0, views: around(r, 30 * k) };
    });
    const found = growth(daily);
    expect(found?.raw).toBeGreaterThan(RISK_MODEL.sustainedGrowthPerDoubling);
    expect(found?.summary).toMatch(/contacts exported or copied [23](\.\d)?× this person's usual day and client records opened 2(\.\d)?× .* sustained over the last 2[18] days/);
  });

  it('leaves alone the same person at their usual, with month-end peaks (three days at 2.5×)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const daily = history((ago, r) => {
        const monthEnd = ago % 21 < 3 ? 2.5 : 1;
        return { rows: r() < 0.85 ? around(r, 1200 * monthEnd) : 0, views: around(r, 30) };
      }, seed);
      expect(growth(daily)).toBeUndefined();
    }
  });

  it('leaves alone a bursty role whose busy days come more often for a while by chance', () => {
    // Copies most days, a big export on 30 % of days; the last four weeks happen to have big exports on half.
    const daily = history((ago, r) => ({ rows: (r() < (ago < 28 ? 0.5 : 0.3) ? around(r, 300) : 0) + (r() < 0.6 ? around(r, 25) : 0), views: around(r, 140) }));
    expect(growth(daily)).toBeUndefined();
  });

  it('leaves alone a light user growing only into what the median peer does', () => {
    const peers = peerContext('Sales operations analyst', [1, 2, 3, 4, 5, 6].map((s) => history((_, r) => ({ rows: around(r, 1200), views: around(r, 30) }), s)), new Date(`${TODAY}T18:00:00Z`));
    const daily = history((ago, r) => ({ rows: around(r, ago < 28 ? 400 : 200), views: around(r, 30) }));
    expect(growth(daily)?.raw).toBeGreaterThan(0);
    expect(growth(daily, peers)).toBeUndefined();
  });

  it('needs weeks of history before the run: a short baseline and a sparse activity say too little', () => {
    const recent = history((ago, r) => ({ rows: around(r, ago < 28 ? 2400 : 1200), views: 0 })).filter((d) => d.day >= addDays(TODAY, -40));
    expect(growth(recent)).toBeUndefined();
    // An export once a fortnight, now weekly: its median day is no export at all.
    const sparse = history((ago) => ({ rows: ago % (ago < 28 ? 5 : 10) === 0 ? 500 : 0, views: 0 }));
    expect(growth(sparse)).toBeUndefined();
  });

  it('leaves alone a new hire whose first weeks at half load would otherwise be their usual', () => {
    const peers = peerContext('Sales operations analyst', [11, 12, 13, 14, 15, 16].map((s) => history((_, r) => ({ rows: around(r, 1200), views: around(r, 30) }), s)), new Date(`${TODAY}T18:00:00Z`));
    for (const seed of [1, 2, 3]) {
      // Joined 60 days ago: half the role's volume for the first weeks, then the role's median.
      const hire = history((ago, r) => (ago >= 60 ? { rows: 0, views: 0 } : ago >= 28 ? { rows: around(r, 600), views: around(r, 15) } : { rows: around(r, 1300), views: around(r, 32) }), seed)
        .filter((d) => d.day >= addDays(TODAY, -59));
      expect(growth(hire, peers)).toBeUndefined();
      // The same step, six weeks of history in, for someone already at the peers' upper range, is growth.
      const heavy = history((ago, r) => (ago >= 28 ? { rows: around(r, 2400), views: around(r, 60) } : { rows: around(r, 4800), views: around(r, 120) }), seed);
      expect(growth(heavy, peers)?.raw).toBeGreaterThan(0);
    }
  });

  it('compares a run with the days after a declared change window, not with the planned work\'s own before', () => {
    // Back to full time after part-time; the first 25 days declared as a change window (set aside before scoring).
    const back = history((ago, r) => ({ rows: around(r, ago < 50 ? 1200 : 600), views: around(r, ago < 50 ? 30 : 15) }));
    const windowEnd = addDays(TODAY, -25);
    const outside = back.filter((d) => d.day < addDays(TODAY, -49) || d.day > windowEnd);
    expect(growth(outside)?.raw).toBeGreaterThan(0);
    expect(sustainedGrowth(outside, TODAY, undefined, RISK_MODEL, weighNothing, addDays(windowEnd, 1))).toBeUndefined();
  });

  it('fades with the weight it is given, as other collection does', () => {
    const daily = history((ago, r) => ({ rows: r() < 0.85 ? around(r, 1200 * (ago < 28 ? 2 : 1)) : 0, views: around(r, 30 * (ago < 28 ? 2 : 1)) }));
    const full = growth(daily)!.raw;
    const halved = sustainedGrowth(daily, TODAY, undefined, RISK_MODEL, () => 0.5)!.raw;
    expect(halved).toBeCloseTo(full / 2, 6);
  });

  it('asks for growth in volume too: every day just above the busy quarter, at 1.3× the usual, is not enough', () => {
    const steady = (level: number) => history((ago, r) => ({ rows: ago < 28 ? level : around(r, 1000), views: 0 }));
    expect(growth(steady(1400))).toBeUndefined();
    expect(growth(steady(2400))?.raw).toBeGreaterThan(0);
  });

  it('weighs the run like the day its growth was last dense: growth that stopped a week ago has faded', () => {
    // Three times the usual from four weeks to eight days ago, then back to the usual (a few ordinary days still beat the quarter).
    const daily = history((ago, r) => { const k = ago < 28 && ago >= 8 ? 3 : 1; return { rows: around(r, 1200 * k), views: around(r, 30 * k) }; });
    const fresh = growth(daily)!.raw;
    const weekOld = addDays(TODAY, -3);
    const faded = sustainedGrowth(daily, TODAY, undefined, RISK_MODEL, (day) => (day > weekOld ? 1 : 0.25))!.raw;
    expect(faded).toBeCloseTo(fresh / 4, 6);
  });
});

