import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { dailyFromEvents, isNotable } from './aggregate';
import { dayWeigher } from './anomaly';
import { windowStart } from './days';
import { RISK_MODEL } from './model';
import { overLimitViews } from './over-limit-views';
import { peerContext } from './peers';
import { scoreEmployee } from './score';

const NOW = new Date('2026-11-02T18:00:00Z');
const employee = 'e@acme.example';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const at = (daysAgo: number) => new Date(Date.UTC(2026, 10, 2 - daysAgo, 10)).toISOString();
const base = (daysAgo: number) => ({ id: id(), occurredAt: at(daysAgo), employee, origin: 'https://acme.lightning.force.com', crm: 'salesforce' });

/** `count` opens of one record on a day: the first `allowed` within the limit, the rest beyond it. */
function opens(daysAgo: number, record: string, count: number, allowed = 3): Extract<Event, { type: 'crm.record_view' }>[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base(daysAgo), type: 'crm.record_view' as const, recordHash: record,
    ...(i + 1 > allowed ? { opensInPeriod: i + 1, allowedOpens: allowed, limitMode: 'warn' as const } : {}),
  }));
}
const reasonFor = (view: Event, daysAgo: number): Event => ({ ...base(daysAgo), type: 'crm.record_view_reason', eventId: view.id, justification: 'renewal call' });
const beyond = (events: Event[]) => events.filter((e) => e.type === 'crm.record_view' && e.opensInPeriod !== undefined);
/** Fourteen records each opened five times (two beyond a limit of three) over a week: 28 opens beyond it. */
const collecting = (daysAgo = 1) => Array.from({ length: 14 }, (_, i) => opens(daysAgo + (i % 7), `rec${i}`.padEnd(16, '0'), 5)).flat();

function factor(events: Event[], extra: { peers?: ReturnType<typeof peerContext>; now?: Date } = {}) {
  const now = extra.now ?? NOW;
  const daily = dailyFromEvents(events);
  return overLimitViews(daily, windowStart(now, RISK_MODEL), now, extra.peers, dayWeigher(now, RISK_MODEL), RISK_MODEL);
}

describe('opens beyond the record-view limit', () => {
  it('counts every open past the limit, not the distinct records of the day, and only those', () => {
    const events = collecting();
    expect(dailyFromEvents(events).reduce((s, d) => s + (d.values.over_limit_views ?? 0), 0)).toBe(28);
    expect(dailyFromEvents(events).reduce((s, d) => s + (d.values.record_views ?? 0), 0)).toBe(14);
    // Opens within the limit are no factor at all.
    expect(factor(Array.from({ length: 20 }, (_, i) => opens(2, `ok${i}`.padEnd(16, '0'), 3)).flat())).toBeUndefined();
  });

  it('is a factor of its own in the score, explained with the count and the reasons given', () => {
    const events = collecting();
    const views = beyond(events);
    const reasons = views.slice(0, 9).map((v) => reasonFor(v, 1));
    const risk = scoreEmployee({ employee, now: NOW, daily: dailyFromEvents([...events, ...reasons]), notable: [...events, ...reasons].filter(isNotable), lineage: new Map(), hrSignals: [], sequenceWindowHours: 24 });
    const found = risk.factors.find((f) => f.id === 'over_limit_views')!;
    expect(found.points).toBeGreaterThan(0);
    expect(found.summary).toMatch(/^Opened client records beyond the policy's record-view limit 28 times since \d{4}-\d\d-\d\d; busiest day .*; reasons given for 9\.$/);
    // The generic per-indicator loop does not score it a second time.
    expect(risk.factors.filter((f) => f.id === 'over_limit_views')).toHaveLength(1);
  });

  it('weighs opens with a reason less than opens without, but never nothing', () => {
    const events = collecting();
    const views = beyond(events);
    const none = factor(events)!;
    const all = factor([...events, ...views.map((v) => reasonFor(v, 1))])!;
    expect(none.summary).toMatch(/no reason given\.$/);
    expect(all.summary).toMatch(/a reason given for each\.$/);
    expect(all.raw).toBeCloseTo(none.raw * RISK_MODEL.overLimitReasonedShare, 6);
    expect(all.raw).toBeGreaterThan(0);
  });

  it('is not fooled by reasons sent twice or for views it never saw: they explain at most the opens there were', () => {
    const events = collecting();
    const views = beyond(events);
    const flood = Array.from({ length: 200 }, () => reasonFor(views[0]!, 1));
    const flooded = factor([...events, ...flood])!;
    expect(flooded.explained).toBe(28);
    expect(flooded.raw).toBeCloseTo(factor(events)!.raw * RISK_MODEL.overLimitReasonedShare, 6);
    // Reasons alone, with no opens beyond the limit, are nothing to score.
    expect(factor(flood)).toBeUndefined();
  });

  it('is measured against the person’s own usual: an account manager who re-opens records daily scores far less', () => {
    const usual = Array.from({ length: 100 }, (_, d) => (d % 2 === 0 ? opens(d + 8, `u${d}`.padEnd(16, '0'), 9) : [])).flat();
    const burst = collecting();
    const newcomer = factor(burst)!;
    const habitual = factor([...usual, ...burst]);
    expect(habitual === undefined || habitual.raw < newcomer.raw / 2).toBe(true);
  });

  it('is measured against the peers: where the whole group re-opens records, the same opens weigh less', () => {
    const routine = (k: number) => Array.from({ length: 100 }, (_, d) => opens(d + 31, `p${k}-${d}`.padEnd(16, '0'), 6)).flat();
    const quiet = (k: number) => opens(40, `q${k}`.padEnd(16, '0'), 1);
    const busyPeers = peerContext('account-managers', [1, 2, 3].map((k) => dailyFromEvents(routine(k))), NOW);
    const quietPeers = peerContext('sales', [1, 2, 3].map((k) => dailyFromEvents(quiet(k))), NOW);
    const events = collecting();
    expect(factor(events, { peers: busyPeers })?.raw ?? 0).toBeLessThan(factor(events, { peers: quietPeers })!.raw / 2);
  });

  it('decays with age like the other indicators, and is gone after the window', () => {
    const events = collecting(1);
    const fresh = factor(events)!.raw;
    const weekLater = factor(events, { now: new Date(NOW.getTime() + 7 * 86_400_000) })!.raw;
    expect(weekLater).toBeLessThan(fresh * 0.6);
    expect(factor(events, { now: new Date(NOW.getTime() + 45 * 86_400_000) })).toBeUndefined();
  });
});
