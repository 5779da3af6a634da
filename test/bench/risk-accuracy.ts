/**
 * The labelled risk benchmark: a synthetic organisation per seed, scored as of the end of every day,
 * with alerts raised and triaged (closed after two days) as a security team would. Reports recall before
 * the notice, lead time, false high alerts per 100 employees per week, and whether a legitimate heavy user
 * reaches the top 10 with a score someone would look at (medium, 30+). Run: npx tsx test/bench/risk-accuracy.ts [--seeds 1,2,3,4,5] [--employees 500]
 */
import * as fs from 'node:fs';
import type { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import { dailyFromEvents, isNotable } from '../../server/risk/aggregate';
import { detectAlerts } from '../../server/risk/alerts';
import type { DailyActivity } from '../../server/risk/indicators';
import { peerContext, type PeerContext } from '../../server/risk/peers';
import { scoreEmployee } from '../../server/risk/score';
import { lineageOf } from '../../server/scoring/record-lineage';
import { dayIso, generateOrg, LEAK_START, type SyntheticEmployee } from './synthetic-org';
import { printFigures } from './figures';

const DAY_MS = 86_400_000;
const FIRST_SCORED_DAY = 35;

interface SeedResult {
  seed: number;
  employees: number;
  leakers: number;
  caughtBeforeNotice: number;
  leadDays: number[];
  missed: string[];
  falseHighAlerts: number;
  falseByKind: Record<string, number>;
  falseAlertsPer100PerWeek: number;
  heavyUsers: number;
  daysHeavyInTop10: number;
  daysHeavyInTop10Literal: number;
  highBeforeLeak: number;
  bestHeavyRank: number;
  maxHeavyScore: { score: number; day: number; who: string; why: string };
  byStyle: Record<string, { leakers: number; caught: number }>;
  days: number;
  seconds: number;
}

export function evaluateSeed(seed: number, employees: number): SeedResult {
  const started = performance.now();
  const org = generateOrg(seed, employees);
  const prepared = org.employees.map((p) => ({
    p,
    daily: dailyFromEvents(p.events),
    notable: p.events.filter(isNotable),
    lineage: lineageOf(p.events.filter((e) => e.type !== 'crm.record_view' && e.type !== 'agent.heartbeat')),
  }));
  const groups = new Map<string, DailyActivity[][]>();
  for (const x of prepared) groups.set(x.p.role, [...(groups.get(x.p.role) ?? []), x.daily]);

  const firstHigh = new Map<string, number>();
  const firstHighDuringLeak = new Map<string, number>();
  const openUntil = new Map<string, number>();
  const closedTriggers = new Map<string, Set<string>>();
  let falseHighAlerts = 0;
  const falseByKind: Record<string, number> = {};
  let daysHeavyInTop10 = 0;
  let daysHeavyInTop10Literal = 0;
  let bestHeavyRank = Infinity;
  let peers = new Map<string, PeerContext>();
  let maxHeavyScore = { score: 0, day: -1, who: '', why: '' };

  for (let day = FIRST_SCORED_DAY; day < org.days; day++) {
    const now = new Date(org.start.getTime() + (day + 1) * DAY_MS - 1);
    if ((day - FIRST_SCORED_DAY) % 7 === 0) peers = new Map([...groups].map(([g, members]) => [g, peerContext(g, members, now)]));
    const today = dayIso(org.start, day);
    const scores: { p: SyntheticEmployee; risk: EmployeeRisk }[] = [];
    for (const { p, daily, notable, lineage } of prepared) {
      const hrSignals = p.hr.filter((s) => s.effectiveDate <= today);
      const changeWindows = p.changeWindow ? [{ from: dayIso(org.start, p.changeWindow.from), to: dayIso(org.start, p.changeWindow.to), reason: p.changeWindow.reason }] : undefined;
      const risk = scoreEmployee({ employee: p.email, now, daily, notable, lineage, hrSignals, peers: peers.get(p.role), sequenceWindowHours: 24, changeWindows });
      scores.push({ p, risk });
      const high = risk.level === 'high' || risk.level === 'critical';
      if (high && !firstHigh.has(p.email)) firstHigh.set(p.email, day);
      if (high && p.leak && day >= p.leak.noticeDay + LEAK_START[p.leak.style] && !firstHighDuringLeak.has(p.email)) firstHighDuringLeak.set(p.email, day);
      const windowed = notable.filter((e: Event) => Date.parse(e.occurredAt) <= now.getTime() && Date.parse(e.occurredAt) > now.getTime() - 30 * DAY_MS);
      for (const alert of detectAlerts(risk, windowed, lineage, 24)) {
        if (alert.severity !== 'high' && alert.severity !== 'critical') continue;
        const key = `${p.email}|${alert.pattern}`;
        if ((openUntil.get(key) ?? -1) >= day) continue;
        const closed = closedTriggers.get(key) ?? new Set();
        if (alert.triggerIds.length > 0 && alert.triggerIds.every((id) => closed.has(id))) continue;
        // Opened today; the analyst closes it two days later, covering these triggers.
        openUntil.set(key, day + 2);
        closedTriggers.set(key, new Set([...closed, ...alert.triggerIds]));
        if (!p.leak) {
          falseHighAlerts++;
          const label = p.changeWindow ? 'change window' : p.carelessDay !== undefined ? 'careless' : p.heavy ? 'heavy' : p.honestLeaver ? 'honest leaver' : p.role;
          const key2 = `${alert.pattern} (${label})`;
          falseByKind[key2] = (falseByKind[key2] ?? 0) + 1;
        }
      }
    }
    scores.sort((a, b) => b.risk.score - a.risk.score);
    // Two readings of "in the top 10": literally (any positive score ranked there), and ranked there
    // with at least a medium score (30), when someone would actually look. Both are reported.
    const heavyRank = scores.findIndex((s) => s.p.heavy && !s.p.leak && s.risk.score >= 30);
    const literalRank = scores.findIndex((s) => s.p.heavy && !s.p.leak && s.risk.score > 0);
    if (literalRank >= 0 && literalRank < 10) daysHeavyInTop10Literal++;
    for (const s of scores) if (s.p.heavy && !s.p.leak && s.risk.score > maxHeavyScore.score) maxHeavyScore = { score: s.risk.score, day, who: s.p.email, why: s.risk.factors.map((f) => `${f.id} ${f.points}`).join(', ') };
    if (heavyRank >= 0) bestHeavyRank = Math.min(bestHeavyRank, heavyRank + 1);
    if (heavyRank >= 0 && heavyRank < 10) daysHeavyInTop10++;
  }

  const leakers = org.employees.filter((p) => p.leak);
  const byStyle: SeedResult['byStyle'] = {};
  const leadDays: number[] = [];
  const missed: string[] = [];
  let highBeforeLeak = 0;
  for (const p of leakers) {
    const style = (byStyle[p.leak!.style] ??= { leakers: 0, caught: 0 });
    style.leakers++;
    // Caught: high while taking data, before the notice (a high before the leak began would be a false alarm).
    const first = firstHighDuringLeak.get(p.email);
    if (first !== undefined && first < p.leak!.noticeDay) {
      style.caught++;
      leadDays.push(p.leak!.noticeDay - first);
    } else missed.push(`${p.email} (${p.leak!.style}, first high during the leak ${first ?? 'never'}, notice ${p.leak!.noticeDay})`);
    const before = firstHigh.get(p.email);
    if (before !== undefined && before < p.leak!.noticeDay + LEAK_START[p.leak!.style]) highBeforeLeak++;
  }
  const nonLeakers = org.employees.length - leakers.length;
  const weeks = (org.days - FIRST_SCORED_DAY) / 7;
  return {
    seed,
    employees: org.employees.length,
    leakers: leakers.length,
    caughtBeforeNotice: leadDays.length,
    leadDays,
    missed,
    falseHighAlerts,
    falseByKind,
    falseAlertsPer100PerWeek: falseHighAlerts / (nonLeakers / 100) / weeks,
    heavyUsers: org.employees.filter((p) => p.heavy).length,
    daysHeavyInTop10,
    daysHeavyInTop10Literal,
    highBeforeLeak,
    bestHeavyRank,
    maxHeavyScore,
    byStyle,
    days: org.days - FIRST_SCORED_DAY,
    seconds: (performance.now() - started) / 1000,
  };
}

function main() {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const seeds = arg('seeds', '1,2,3,4,5').split(',').map(Number);
  const employees = Number(arg('employees', '500'));
  const results = seeds.map((seed) => {
    const r = evaluateSeed(seed, employees);
    const median = [...r.leadDays].sort((a, b) => a - b)[r.leadDays.length >> 1] ?? 0;
    console.log(`seed ${seed}: ${r.caughtBeforeNotice}/${r.leakers} leakers high before notice (median ${median} days ahead), ${r.falseAlertsPer100PerWeek.toFixed(2)} false high alerts /100 employees/week, heavy users in the top 10 with a medium+ score on ${r.daysHeavyInTop10} days, with any positive score on ${r.daysHeavyInTop10Literal} of ${r.days} days; ${r.highBeforeLeak} leakers high before their leak began; ${r.seconds.toFixed(1)} s`);
    for (const m of r.missed) console.log(`  missed ${m}`);
    console.log(`  false high alerts by pattern and kind of employee: ${JSON.stringify(r.falseByKind)}`);
    console.log(`  highest heavy-user score ${r.maxHeavyScore.score} (${r.maxHeavyScore.who}, day ${r.maxHeavyScore.day}: ${r.maxHeavyScore.why})`);
    return r;
  });
  fs.mkdirSync('test-results/bench', { recursive: true });
  fs.writeFileSync('test-results/bench/risk-accuracy.json', JSON.stringify(results, null, 2));
  const ok = results.every((r) => r.caughtBeforeNotice === r.leakers && r.falseAlertsPer100PerWeek <= 1 && r.daysHeavyInTop10 === 0);
  console.log(ok ? 'all targets met on every seed' : 'targets NOT met on every seed');
  const caught = results.reduce((n, r) => n + r.caughtBeforeNotice, 0);
  const leakers = results.reduce((n, r) => n + r.leakers, 0);
  const falseRates = results.map((r) => r.falseAlertsPer100PerWeek);
  const heavyDays = results.reduce((n, r) => n + r.daysHeavyInTop10, 0);
  const range = (values: number[]) => [...new Set([Math.min(...values), Math.max(...values)].map((v) => v.toFixed(2)))].join('–');
  const seedsText = `${results.length} seed${results.length === 1 ? '' : 's'} of ${employees} employees`;
  printFigures([
    { measure: `leakers high or critical before their notice (${seedsText})`, figure: `${caught}/${leakers}`, goal: 'all', met: caught === leakers },
    { measure: 'false high/critical alerts per 100 employees per week', figure: range(falseRates), goal: '≤ 1', met: Math.max(...falseRates) <= 1 },
    { measure: 'days a legitimate heavy user is in the top 10 with a medium+ score', figure: String(heavyDays), goal: '0', met: heavyDays === 0 },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
