import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { addDays } from './days';
import type { DailyActivity } from './indicators';
import { RISK_MODEL } from './model';
import { onboardingOf } from './onboarding';
import { leavingOut, peerContext, PeerPool } from './peers';
import { setAsideChangeWindows } from './change-windows';
import { scoreEmployee } from './score';

const TODAY = '2026-11-02';
const NOW = new Date(`${TODAY}T18:00:00Z`);
const employee = 'new@acme.example';

/** A rep active on the last `days` days who exports `rows(ago)` rows (0: nothing that day). */
function rep(rows: (ago: number) => number, days: number): DailyActivity[] {
  const out: DailyActivity[] = [];
  for (let ago = days - 1; ago >= 0; ago--) {
    const r = rows(ago);
    out.push({ day: addDays(TODAY, -ago), values: { heartbeats: 1, record_views: 12, ...(r > 0 ? { export_rows: r, exports: 1 } : {}) } });
  }
  return out;
}
const ordinary = (seed: number) => (ago: number) => ((ago + seed) % 9 === 0 ? 100 + ((seed * 37 + ago) % 80) : 0);
const settled = Array.from({ length: 30 }, (_, i) => rep(ordinary(i), 250));
/** The inherited territory: three exports of 1,200 rows in the first week. */
const inheriting = (ago: number) => (ago >= 15 && ago <= 17 ? 1200 : ordinary(5)(ago));

function score(daily: DailyActivity[], notable: Event[] = []) {
  return scoreEmployee({ employee, now: NOW, daily, notable, lineage: new Map(), hrSignals: [], peers: peerContext('sales', [...settled, daily], NOW), sequenceWindowHours: 24 });
}

describe('a new starter\'s onboarding', () => {
  it('is someone who started well after their peers, for their first month', () => {
    const newcomer = rep(inheriting, 20);
    expect(onboardingOf(newcomer, peerContext('sales', [...settled, newcomer], NOW), NOW, RISK_MODEL)).toEqual({ from: addDays(TODAY, -19), until: addDays(TODAY, 10) });
    // At the first rollout everyone starts together: nobody is new.
    const rollout = rep(inheriting, 20);
    expect(onboardingOf(rollout, peerContext('sales', [...settled.map((d) => d.slice(-20)), rollout], NOW), NOW, RISK_MODEL)).toBeUndefined();
    expect(onboardingOf(rollout, peerContext('sales', [...settled, rollout], NOW), NOW, { ...RISK_MODEL, onboardingDays: 0 })).toBeUndefined();
  });

  it('does not score the inherited territory\'s exports, and says why', () => {
    const newcomer = score(rep(inheriting, 20));
    expect(newcomer.score).toBe(0);
    expect(newcomer.factors.map((f) => f.id)).toEqual(['onboarding']);
    // The same exports by someone who has been here all along are collection.
    const settledRep = score(rep(inheriting, 120));
    expect(settledRep.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['export_rows', 'cumulative_collection']));
  });

  it('still counts where the data went: the inherited book pasted into personal mail', () => {
    const at = (ago: number, hour: number) => `${addDays(TODAY, -ago)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const exported: Event = { id: '00000000-0000-4000-8000-000000000001', occurredAt: at(2, 10), employee, origin: 'https://acme.lightning.force.com', type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'contacts.csv', format: 'csv', rows: 1200, columns: 8, emailCount: 1200, fingerprints: [], fingerprintLevel: 0 };
    const pasted: Event = { id: '00000000-0000-4000-8000-000000000002', occurredAt: at(2, 14), employee, origin: 'https://mail.google.com', type: 'webmail.paste', destination: 'gmail', emailCount: 300, phoneCount: 0, rowCount: 300, charCount: 18_000, fingerprints: [], fingerprintLevel: 0 };
    const risk = score(rep(inheriting, 20), [exported, pasted]);
    expect(risk.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['collection_then_exfiltration', 'cumulative_exfiltration', 'onboarding']));
    expect(risk.factors.map((f) => f.id)).not.toContain('export_rows');
    // Exactly what the same paste earns someone settled whose exports were ordinary.
    const settledRep = score(rep(ordinary(5), 120), [exported, pasted]);
    expect(risk.score).toBe(settledRep.score);
  });

  it('ends: after the first month the person\'s own collection is judged again', () => {
    // Started 70 days ago; a burst of 1,200-row exports last week, long after onboarding.
    const risk = score(rep((ago) => (ago >= 3 && ago <= 5 ? 1200 : ordinary(5)(ago)), 70));
    expect(risk.factors.map((f) => f.id)).not.toContain('onboarding');
    expect(risk.factors.map((f) => f.id)).toContain('export_rows');
  });

  it('is bounded: a newcomer collecting many times any territory is judged from the day they pass it', () => {
    // Eight exports of 6,000 rows in the first week: 48,000 against an allowance of 8 × 1,000.
    const hoarder = rep((ago) => (ago >= 12 && ago <= 19 ? 6000 : 0), 20);
    const risk = score(hoarder);
    expect(risk.level).toMatch(/high|critical/);
    expect(risk.factors.find((f) => f.id === 'onboarding')?.summary).toMatch(/12,000 contacts collected by .*, more than a territory's allowance of 8,000: judged from that day on/);
  });

  it('is judged the same when peers computed today score a past day (a history rewrite)', () => {
    // Started 110 days ago; scored as of 85 days ago, their 25th day, with today's peers (whose range begins 119 days ago).
    const past = new Date(Date.parse(`${addDays(TODAY, -85)}T18:00:00Z`));
    const newcomer = rep((ago) => (ago >= 105 && ago <= 107 ? 1200 : 0), 110).filter((d) => d.day <= addDays(TODAY, -85));
    const todays = peerContext('sales', [...settled, rep((ago) => (ago >= 105 && ago <= 107 ? 1200 : 0), 110)], NOW);
    const then = peerContext('sales', [...settled.map((d) => d.filter((x) => x.day <= addDays(TODAY, -85))), newcomer], past);
    expect(onboardingOf(newcomer, todays, past, RISK_MODEL)).toEqual(onboardingOf(newcomer, then, past, RISK_MODEL));
    expect(onboardingOf(newcomer, todays, past, RISK_MODEL)?.from).toBe(addDays(TODAY, -109));
  });

  it('does not take a declared change window at the start of the range for a late start', () => {
    const daily = rep((ago) => (ago >= 1 && ago <= 3 ? 1500 : ordinary(5)(ago)), 120);
    const windows = [{ from: addDays(TODAY, -200), to: addDays(TODAY, -20), reason: 'CRM migration' }];
    const risk = scoreEmployee({ employee, now: NOW, daily, notable: [], lineage: new Map(), hrSignals: [], peers: peerContext('sales', [...settled, daily], NOW), sequenceWindowHours: 24, changeWindows: windows });
    expect(risk.factors.map((f) => f.id)).not.toContain('onboarding');
  });

  it('keeps newcomers\' first month out of the peers\' usual: a hiring wave does not lift the ceiling a leaker is judged by', () => {
    const leaker = rep((ago) => (ago >= 2 && ago <= 6 ? 700 : ordinary(3)(ago)), 200);
    const newcomer = rep((ago) => (ago >= 10 && ago <= 16 ? 1500 : 0), 18);
    const judged = (members: DailyActivity[][]) =>
      scoreEmployee({ employee: 'leaker@acme.example', now: NOW, daily: leaker, notable: [], lineage: new Map(), hrSignals: [], peers: peerContext('sales', members, NOW), sequenceWindowHours: 24 });
    const without = judged([...settled.slice(0, 20), leaker]);
    const wave = judged([...settled.slice(0, 20), newcomer, newcomer, leaker]);
    expect(without.level).toMatch(/high|critical/);
    expect(wave.score).toBe(without.score);
    // A settled member's same exports do lift it: they are that member's usual.
    const busy = rep((ago) => (ago >= 10 && ago <= 16 ? 1500 : ordinary(7)(ago)), 200);
    expect(judged([...settled.slice(0, 20), busy, busy, leaker]).score).toBeLessThan(without.score);
  });

  it('is judged alike by the peer pool and by scoring, however soon after the group a start counts as late', () => {
    const model = { ...RISK_MODEL, onboardingAfterGroupDays: 3 };
    const newcomer = rep((ago) => (ago >= 100 && ago <= 110 ? 1500 : 0), 115);
    const peers = peerContext('sales', [...settled, newcomer], NOW, model);
    expect(onboardingOf(newcomer, peers, NOW, model)).toBeDefined();
    // Their first month is in the baseline period: no 1,500-row day reaches the peers' export baseline.
    const without = peerContext('sales', settled, NOW, model);
    expect([peers.baselines.export_rows?.median, peers.baselines.export_rows?.mad]).toEqual([without.baselines.export_rows?.median, without.baselines.export_rows?.mad]);
    expect(peerContext('sales', [...settled, newcomer], NOW, { ...model, onboardingDays: 0 }).baselines.export_rows?.median).toBeGreaterThan(without.baselines.export_rows!.median);
  });

  it('takes the first day from before change windows are set aside, in the pool as in scoring, and leaves out only what the pool holds', () => {
    const windows = [{ from: addDays(TODAY, -200), to: addDays(TODAY, -20), reason: 'CRM migration' }];
    const daily = rep((ago) => (ago >= 1 && ago <= 3 ? 1500 : ordinary(5)(ago)), 120);
    const setAside = setAsideChangeWindows(daily, [], windows).daily;
    const pool = new PeerPool('sales', NOW);
    for (const m of settled) pool.add(m);
    pool.add(setAside, daily[0]!.day);
    const peers = pool.context();
    // Settled: their window total is among the peers' totals, and leaving them out removes exactly it.
    const total = setAside.filter((d) => d.day >= addDays(TODAY, -29)).reduce((s, d) => s + (d.values.export_rows ?? 0), 0);
    expect(peers.collectionSorted!.rows).toContain(total);
    expect(leavingOut(peers, setAside, NOW, RISK_MODEL, daily[0]!.day).collectionSorted!.rows).toHaveLength(peers.collectionSorted!.rows.length - 1);
    // A newcomer's reduced total is found and left out too.
    const newcomer = rep(inheriting, 20);
    const withNewcomer = peerContext('sales', [...settled, newcomer], NOW);
    expect(leavingOut(withNewcomer, newcomer, NOW).collectionSorted!.rows).toHaveLength(withNewcomer.collectionSorted!.rows.length - 1);
  });

  it('counts neither declared planned work nor days after the moment scored toward the allowance', () => {
    const daily = rep((ago) => (ago >= 16 && ago <= 18 ? 7000 : ago >= 10 && ago <= 12 ? 1200 : 0), 20);
    const windows = [{ from: addDays(TODAY, -18), to: addDays(TODAY, -16), reason: 'CRM migration' }];
    const peers = peerContext('sales', [...settled, setAsideChangeWindows(daily, [], windows).daily], NOW);
    const risk = scoreEmployee({ employee, now: NOW, daily, notable: [], lineage: new Map(), hrSignals: [], peers, sequenceWindowHours: 24, changeWindows: windows });
    expect(risk.score).toBe(0);
    // Scored as of day 5 with days up to today at hand (a history rewrite): a later overrun is not known yet.
    const past = new Date(`${addDays(TODAY, -15)}T23:59:59.999Z`);
    const later = rep((ago) => (ago === 5 ? 20_000 : ago >= 17 && ago <= 19 ? 1200 : 0), 20);
    const then = onboardingOf(later, peerContext('sales', [...settled, later], NOW), past, RISK_MODEL);
    expect(then?.endedAt).toBeUndefined();
    expect(then?.until).toBe(addDays(TODAY, 10));
  });

  it('follows a hire date from HR over the first active day, both ways', () => {
    // Hired at the rollout: the first active day cannot tell them from everyone else; the hire date can.
    const rolloutHire = rep(inheriting, 20);
    const rolloutPool = new PeerPool('sales', NOW);
    for (const m of settled) rolloutPool.add(m.slice(-20));
    rolloutPool.add(rolloutHire, undefined, employee, addDays(TODAY, -19));
    const rolloutPeers = rolloutPool.context();
    expect(onboardingOf(rolloutHire, rolloutPeers, NOW, RISK_MODEL)).toBeUndefined();
    expect(onboardingOf(rolloutHire, rolloutPeers, NOW, RISK_MODEL, rolloutHire, addDays(TODAY, -19))).toEqual({ from: addDays(TODAY, -19), until: addDays(TODAY, 10) });
    const judged = (hiredOn?: string) => scoreEmployee({ employee, now: NOW, daily: rolloutHire, notable: [], lineage: new Map(), hrSignals: [], peers: rolloutPeers, sequenceWindowHours: 24, hiredOn });
    expect(judged(addDays(TODAY, -19)).factors.map((f) => f.id)).toEqual(['onboarding']);
    expect(judged().score).toBeGreaterThan(0);
    // Hired years ago and first seen late (the extension came to them late): settled, though inference says new.
    const late = rep(inheriting, 20);
    const latePeers = peerContext('sales', [...settled, late], NOW);
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL)).toBeDefined();
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL, late, '2019-04-01')).toBeUndefined();
    const lateRisk = scoreEmployee({ employee, now: NOW, daily: late, notable: [], lineage: new Map(), hrSignals: [], peers: latePeers, sequenceWindowHours: 24, hiredOn: '2019-04-01' });
    expect(lateRisk.factors.map((f) => f.id)).not.toContain('onboarding');
    // Orientation and CRM access come first: the month runs from the CRM's first day, within a month of the hire.
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL, late, addDays(TODAY, -30))).toEqual({ from: addDays(TODAY, -19), until: addDays(TODAY, 10) });
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL, late, addDays(TODAY, -49))).toBeUndefined();
    // Active before the hire date (an intern taken on): from the hire date.
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL, late, addDays(TODAY, -10))).toEqual({ from: addDays(TODAY, -10), until: addDays(TODAY, 19) });
    // A hire date after the moment scored (a backtest, a typo) is not known then: the first active day tells.
    expect(onboardingOf(late, latePeers, NOW, RISK_MODEL, late, addDays(TODAY, 5))).toEqual(onboardingOf(late, latePeers, NOW, RISK_MODEL));
  });

  it('keeps a hire\'s first month out of the peers\' usual by their hire date, and a settled late starter\'s in', () => {
    const hire = rep((ago) => (ago <= 19 && ago >= 17 ? 3000 : 0), 20);
    const pooled = (hiredOn?: string) => {
      const pool = new PeerPool('sales', NOW);
      for (const m of settled) pool.add(m.slice(-20));
      pool.add(hire, undefined, employee, hiredOn);
      return pool.context();
    };
    // At a rollout nobody is inferred new: the 9,000 rows are the peers' usual, unless HR says they were hired then.
    expect(pooled().collectionSorted!.rows).toContain(9000);
    expect(pooled(addDays(TODAY, -19)).collectionSorted!.rows).not.toContain(9000);
    const lateStarter = new PeerPool('sales', NOW);
    for (const m of settled) lateStarter.add(m);
    lateStarter.add(hire, undefined, employee, '2019-04-01');
    expect(lateStarter.context().collectionSorted!.rows).toContain(9000);
  });
});
