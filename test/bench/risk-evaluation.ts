/**
 * Evaluation that cannot flatter itself: an organisation from either generator (`internal`, the one the
 * model is tuned on, or `independent`, written from a behaviour specification only) goes into a real store
 * the way the server takes it in, and is scored at the end of every day with the backtest's code
 * (`GET /v1/employees?asOf=`: loadSnapshot + scoreOrganisation), alerts raised and triaged as a security
 * team would (closed after two days). Reported per generator and per leaking style (metrics.ts).
 * Run: npx tsx test/bench/risk-evaluation.ts --generator internal|independent [--seeds 1,2,3,4,5] [--people 420] [--days 120] [--in-memory]
 */
import * as fs from 'node:fs';
import { detectAlerts } from '../../server/risk/alerts';
import { DEFAULT_SCORING } from '../../server/policy/policy';
import { loadSnapshot } from '../../server/scoring/as-of';
import { scoreOrganisation } from '../../server/scoring/organisation-score';
import type { RiskModel } from '../../server/risk/model';
import { inMemorySnapshots } from './evaluation-in-memory';
import { loadOrg, type EvaluationOrg, type Generator } from './evaluation-org';
import { summarise, type DailyScores, type SeedReport } from './evaluation-metrics';
import { orgStore } from './org-store';

const DAY_MS = 86_400_000;
/** Days before this are the baselines' run-in: nobody is scored yet. */
export const FIRST_SCORED_DAY = 30;
/** An analyst closes an alert two days after it opens; the same pattern on the same triggers stays closed. */
const TRIAGE_DAYS = 2;

export async function evaluateOrg(org: EvaluationOrg, { inMemory = false } = {}): Promise<{ scores: DailyScores; falseHighAlerts: number; ingestSeconds: number; scoringSeconds: number }> {
  const started = performance.now();
  const settings = DEFAULT_SCORING;
  // The store path is what is reported; the in-memory one cuts the same ranges and is for quick tuning loops.
  const { snapshotAt, destroy } = inMemory ? { snapshotAt: inMemorySnapshots(org, settings.model), destroy: async () => {} } : await storeSnapshots(org, settings.model);
  const ingested = performance.now();
  const leakers = new Set(org.truth.filter((t) => t.label === 'leaker').map((t) => t.email));
  const scores: DailyScores = { days: [], byEmployee: new Map() };
  const openUntil = new Map<string, number>();
  const closedTriggers = new Map<string, Set<string>>();
  let falseHighAlerts = 0;
  try {
    for (let day = FIRST_SCORED_DAY; day < org.days; day++) {
      const at = new Date(Date.parse(org.start) + (day + 1) * DAY_MS - 1);
      const snapshot = await snapshotAt(at);
      const risks = scoreOrganisation(snapshot, at, settings);
      scores.days.push(at.toISOString().slice(0, 10));
      for (const risk of risks) {
        let series = scores.byEmployee.get(risk.employee);
        if (!series) scores.byEmployee.set(risk.employee, (series = []));
        series[day - FIRST_SCORED_DAY] = risk.score;
        if (risk.level !== 'high' && risk.level !== 'critical') continue;
        const data = snapshot.data.get(risk.employee)!;
        const windowed = data.notable.filter((e) => at.getTime() - Date.parse(e.occurredAt) <= settings.model.windowDays * DAY_MS);
        for (const alert of detectAlerts(risk, windowed, data.lineage, settings.sequenceWindowHours, settings.model)) {
          if (alert.severity !== 'high' && alert.severity !== 'critical') continue;
          const key = `${risk.employee}|${alert.pattern}`;
          if ((openUntil.get(key) ?? -1) >= day) continue;
          const closed = closedTriggers.get(key) ?? new Set<string>();
          if (alert.triggerIds.length > 0 && alert.triggerIds.every((id) => closed.has(id))) continue;
          openUntil.set(key, day + TRIAGE_DAYS);
          closedTriggers.set(key, new Set([...closed, ...alert.triggerIds]));
          if (!leakers.has(risk.employee)) falseHighAlerts++;
        }
      }
    }
  } finally {
    await destroy();
  }
  return { scores, falseHighAlerts, ingestSeconds: (ingested - started) / 1000, scoringSeconds: (performance.now() - ingested) / 1000 };
}

async function storeSnapshots(org: EvaluationOrg, model: RiskModel) {
  const { store, destroy } = await orgStore(org);
  return { snapshotAt: (at: Date) => loadSnapshot(store, at, model), destroy };
}

async function main() {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const generator = arg('generator', 'internal') as Generator;
  if (generator !== 'internal' && generator !== 'independent') throw new Error('--generator is internal or independent');
  const seeds = arg('seeds', '1,2,3,4,5').split(',').map(Number);
  const people = Number(arg('people', '420'));
  const days = Number(arg('days', '120'));
  const reports: SeedReport[] = [];
  for (const seed of seeds) {
    const org = await loadOrg(generator, seed, { people, days });
    const run = await evaluateOrg(org, { inMemory: process.argv.includes('--in-memory') });
    const report = summarise(org, run.scores, run.falseHighAlerts, { seed, ingestSeconds: run.ingestSeconds, scoringSeconds: run.scoringSeconds });
    reports.push(report);
    printReport(generator, report);
  }
  fs.mkdirSync('test-results/bench', { recursive: true });
  fs.writeFileSync(`test-results/bench/risk-evaluation-${generator}${process.argv.includes('--in-memory') ? '-in-memory' : ''}.json`, JSON.stringify(reports, null, 2));
  const ok = reports.every((r) => r.goalsMet);
  console.log(ok ? `${generator}: every goal met on every seed` : `${generator}: goals NOT met on every seed`);
}

function printReport(generator: Generator, r: SeedReport) {
  console.log(`${generator} seed ${r.seed} (${r.people} people, ${r.weeks.toFixed(1)} weeks scored; ingest ${r.ingestSeconds.toFixed(0)} s, scoring ${r.scoringSeconds.toFixed(0)} s):`);
  console.log(`  leakers high or critical before their notice ${r.caught}/${r.leakers}, median ${r.medianDaysAhead} days ahead`);
  if (r.startedAfterNotice.leakers > 0) console.log(`    (${r.startedAfterNotice.leakers} of them began leaking on or after their notice day, so never before it; ${r.startedAfterNotice.caughtWithinWeek} of those high within a week of the leak's start)`);
  for (const [style, s] of Object.entries(r.byStyle)) console.log(`    ${style.padEnd(24)} ${s.caught}/${s.leakers} caught, days ahead ${s.daysAhead.join(', ') || '-'}`);
  console.log(`  false high alerts per 100 employees per week ${r.falseAlertsPer100PerWeek.toFixed(2)}`);
  console.log(`  recall at ≤ 1 high alert /100/week: ${r.recallAtBudget.recall.toFixed(2)} (score threshold ${r.recallAtBudget.threshold})`);
  console.log(`  precision of the top 10 on notice days ${r.top10PrecisionOnNoticeDays.toFixed(2)}`);
  console.log(`  at high: ${r.highByLabel.change_window} in a declared change window, ${r.highByLabel.new_hire} new hires, ${r.highByLabel.resigner_clean} non-leaking resigners, ${r.highByLabel.innocent} other innocents`);
  for (const m of r.missed) console.log(`  missed ${m}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
