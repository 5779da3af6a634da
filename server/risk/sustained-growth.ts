import { addDays } from './days';
import { fmt } from './explain';
import type { DailyActivity, IndicatorValues } from './indicators';
import type { RiskModel } from './model';
import { collectedRows, type PeerContext } from './peers';
import { median } from './baseline';

export interface SustainedGrowth {
  raw: number;
  summary: string;
}

interface Measure {
  label: string;
  of: (values: IndicatorValues) => number;
  /** The peers' upper-quartile total for `span` days, or undefined when the group gives none. */
  peersBusy: (peers: PeerContext, span: number) => number | undefined;
}

const MEASURES: Measure[] = [
  {
    label: 'contacts exported or copied',
    of: collectedRows,
    // The members' window totals at their upper quartile, pro rata: growth that only brings someone up to
    // the role's ordinary range (a new hire reaching full load) is not taking.
    peersBusy: (p, span) => {
      const rows = p.collectionSorted?.rows;
      return rows && rows.length > 0 ? quantile(rows, 0.75) * (span / 30) : undefined;
    },
  },
  {
    label: 'client records opened',
    of: (v) => v.record_views ?? 0,
    // An active day's upper quartile (median + MAD, for normal data) times the days with views in `span`.
    peersBusy: (p, span) => {
      const b = p.baselines.record_views;
      return b ? (b.median + b.mad) * b.frequency * span : undefined;
    },
  },
];

/**
 * Growth sustained for weeks against one's own usual: the moderate, steady rise of a heavy user taking their
 * book (twice their usual, every day), which no single day's dead zone and no month's 3σ ceiling sees. The
 * evidence is the run's length, not its height: over the days at work in the last 21 or 28 days, how many
 * beat the busiest quarter of the person's own 90 days before the run (growthOf). A measure counts from
 * z ≥ `sustainedGrowthMinMeasureZ`, `sustainedGrowthMinRatio` times its usual mean and a total above the
 * peers' upper quartile for as many days (a light user or a new hire growing into the role's normal is not
 * collecting); the run counts when the
 * evidence, one measure's or both together, reaches `sustainedGrowthMinZ`. Points per doubling of the mean
 * day, weighed like the day the growth was last dense.
 */
export function sustainedGrowth(
  daily: readonly DailyActivity[], today: string, peers: PeerContext | undefined, model: RiskModel, weighDay: (day: string) => number,
  /** The day after the person's latest declared change window: planned work is never the usual a later run is compared with. */
  notBefore = '',
): SustainedGrowth | undefined {
  let best: { raw: number; parts: string[] } | undefined;
  for (const span of model.sustainedGrowthRuns) {
    const runFrom = addDays(today, -(span - 1));
    // The baseline starts at the latest of: 90 days back, the person's first day seen, the end of their latest
    // change window. It must reach back six weeks: a new hire's first weeks at half load are no one's usual.
    const baselineFrom = [addDays(runFrom, -model.baselineDays), daily[0]?.day ?? today, notBefore].sort().at(-1)!;
    if (baselineFrom > addDays(runFrom, -model.sustainedGrowthMinHistoryDays)) continue;
    const runDays = daily.filter((d) => d.day >= runFrom && d.day <= today && present(d.values));
    const beforeDays = daily.filter((d) => d.day >= baselineFrom && d.day < runFrom && present(d.values));
    if (runDays.length < model.sustainedGrowthMinRunDays || beforeDays.length < model.sustainedGrowthMinBaselineDays) continue;
    const grown = MEASURES.map((m) => ({ m, ...growthOf(m, runDays, beforeDays, span, peers) })).filter((g) => g.z >= model.sustainedGrowthMinMeasureZ && g.ratio >= model.sustainedGrowthMinRatio && g.abovePeersBusy);
    if (grown.length === 0) continue;
    // Evidence from one measure alone, or from both growing together: Stouffer's Σz, divided by √(k(1+(k−1)ρ))
    // rather than √k, because records opened and contacts collected rise and fall together (ρ = ½ assumed).
    const k = grown.length;
    const evidence = Math.max(...grown.map((g) => g.z), grown.reduce((t, g) => t + g.z, 0) / Math.sqrt(k * (1 + (k - 1) * 0.5)));
    if (evidence < model.sustainedGrowthMinZ) continue;
    let raw = 0;
    const parts: string[] = [];
    for (const g of grown) {
      raw += model.sustainedGrowthPerDoubling * Math.log2(g.ratio) * weighDay(g.lastDense);
      parts.push(`${g.m.label} ${fmt(g.ratio)}× this person's usual day`);
    }
    if (!best || raw > best.raw) best = { raw, parts: [`${parts.join(' and ')}, sustained over the last ${span} days`] };
  }
  if (!best) return undefined;
  return { raw: best.raw, summary: `Steady growth: ${best.parts.join('; ')}.` };
}

/**
 * How often the run's days beat the baseline's busiest quarter (its 75th percentile), against how often the
 * baseline's own days did: a two-proportion z, so a short or lumpy baseline (a bursty role whose busy days come
 * in a mixture) weighs its own uncertainty. Counting days, not adding volumes, keeps a few huge days from
 * passing for growth sustained every day. The ratio is of the mean present day.
 */
function growthOf(m: Measure, runDays: readonly DailyActivity[], beforeDays: readonly DailyActivity[], span: number, peers: PeerContext | undefined) {
  const run = runDays.map((d) => m.of(d.values));
  const before = beforeDays.map((d) => m.of(d.values));
  // Routine activity only: on most days at work. A sparse activity's quantiles say too little for a run's test.
  if (median(before) <= 0) return { z: 0, ratio: 0, abovePeersBusy: false, lastDense: '' };
  const busy = quantile(before, 0.75);
  const share = (values: number[]) => values.filter((v) => v > busy).length / values.length;
  const [pRun, pBefore] = [share(run), share(before)];
  const pooled = (pRun * run.length + pBefore * before.length) / (run.length + before.length);
  const z = (pRun - pBefore) / Math.sqrt(Math.max(1e-9, pooled * (1 - pooled) * (1 / run.length + 1 / before.length)));
  const busyPeer = peers && m.peersBusy(peers, span);
  const total = run.reduce((t, v) => t + v, 0);
  return { z, ratio: mean(run) / Math.max(mean(before), 1e-9), abovePeersBusy: busyPeer === undefined || total > busyPeer, lastDense: lastDenseDay(runDays, run, busy) };
}

/**
 * The run's last busy day that closes a dense stretch (four of its last five days at work busy): where the
 * growth ended. Ordinary days since that beat the quarter by chance (one in four do) do not keep a run
 * that stopped a week ago fresh; a run still going ends today.
 */
function lastDenseDay(runDays: readonly DailyActivity[], run: readonly number[], busy: number): string {
  const isBusy = run.map((v) => v > busy);
  for (let i = run.length - 1; i >= 0; i--) {
    if (isBusy[i] && isBusy.slice(Math.max(0, i - 4), i + 1).filter(Boolean).length >= 4) return runDays[i]!.day;
  }
  return runDays.at(-1)!.day;
}

/** A day the person was at work: the extension's heartbeat or any activity. */
function present(values: IndicatorValues): boolean {
  for (const v of Object.values(values)) if ((v ?? 0) > 0) return true;
  return false;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** The `q` quantile of `values` (nearest rank). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
