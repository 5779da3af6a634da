import { addDays, DAY_MS } from './days';
import { fmt } from './explain';
import type { DailyActivity, IndicatorValues } from './indicators';
import type { RiskModel } from './model';
import { collectedRows, ownValue, p95Excluding, type PeerContext } from './peers';

export interface CollectionTotals {
  raw: number;
  summary: string;
}

interface Measure {
  name: string;
  key: 'rows' | 'exports';
  of: (values: IndicatorValues) => number;
  peers: (p: PeerContext) => readonly number[] | undefined;
  floor: number;
}

/**
 * Collection over the whole window, not per day: many small exports a day, each under every floor and
 * inside the free first doubling, add up to a whole book of business over weeks. Two measures, rows (export
 * rows and copied contacts) and the number of exports, each compared like a day's volume is (anomaly.ts):
 * with the employee's own total for as many days before the window, and with the peers' 95th percentile
 * of their window totals; above both, the smaller excess counts.
 */
export function cumulativeCollection(
  daily: readonly DailyActivity[], from: string, today: string, peers: PeerContext | undefined, model: RiskModel, departing: boolean,
  weighDay: (day: string) => number, employee?: string,
): CollectionTotals | undefined {
  const measures: Measure[] = [
    { name: 'rows', key: 'rows', of: collectedRows, peers: (p) => p.collectionSorted?.rows, floor: model.cumulativeCollectionRowsFloor },
    { name: 'exports', key: 'exports', of: (v) => v.exports ?? 0, peers: (p) => p.collectionSorted?.exports, floor: model.cumulativeCollectionExportsFloor },
  ];
  const span = Math.round((Date.parse(today) - Date.parse(from)) / DAY_MS) + 1;
  const baselineFrom = addDays(from, -model.baselineDays);
  const before = daily.filter((d) => d.day >= baselineFrom && d.day < from);
  const inWindow = daily.filter((d) => d.day >= from && d.day <= today);
  // The own baseline covers the days actually observed: a person hired six weeks ago has six weeks of usual.
  const observed = before.length === 0 ? 0 : Math.round((Date.parse(from) - Date.parse(before[0]!.day)) / DAY_MS);
  // A window's total is a sum of weeks of days: its ceiling already holds the fluctuation (the peers' 95th
  // percentile, the own usual plus three standard deviations of a sum), so less is forgiven than of one day.
  const deadZone = Math.min(model.cumulativeCollectionDeadZone, departing ? model.departureDeadZone : model.deadZone);
  let raw = 0;
  const parts: string[] = [];
  for (const m of measures) {
    const total = inWindow.reduce((s, d) => s + m.of(d.values), 0);
    if (total <= m.floor) continue;
    // Peers' totals are over the usual window; a departure's longer look-back is compared pro rata.
    // Without what the pool holds for this person (their window's total, not a departure's longer look-back).
    const peerCeiling = Math.max(m.floor, ((peers && p95Excluding(m.peers(peers), ownValue(peers, employee, m.key, total))) ?? 0) * Math.max(1, span / model.windowDays));
    // Trusted only from as many days *with this activity* as a daily baseline needs: a few exports in a short
    // history make a usual of almost nothing, and a heavy user's ordinary month would look like hundreds of times it.
    const active = before.filter((d) => m.of(d.values) > 0);
    const trusted = active.length >= model.minBaselineDays && observed > 0;
    const ownUsual = trusted ? sumCeiling(before.map((d) => m.of(d.values)), observed, span) : undefined;
    const aPeer = Math.log2(Math.max(1, total / peerCeiling));
    const aOwn = ownUsual !== undefined ? Math.log2(Math.max(1, total / Math.max(ownUsual, m.floor))) : aPeer;
    const combined = Math.min(aOwn, aPeer) + model.oneSidedShare * Math.max(0, aOwn - aPeer);
    const anomaly = Math.max(0, combined - deadZone);
    if (anomaly <= 0) continue;
    // It fades as the latest day of the collection ages (and weighs the departure boost), as a day's points do:
    // someone who went quiet is not held to a total they stopped adding to.
    const latest = inWindow.filter((d) => m.of(d.values) > 0).at(-1)!.day;
    raw += model.cumulativeCollectionPerDoubling * anomaly * weighDay(latest);
    const own = ownUsual !== undefined ? `${fmt(total / Math.max(ownUsual, 1))}× the most usual for ${span} days, ` : '';
    parts.push(`${fmt(total)} ${m.name === 'rows' ? 'contacts exported or copied' : 'exports'} (${own}above what 95% of the ${peers?.group ?? 'peer'} group reaches: ${fmt(peerCeiling)})`);
  }
  if (raw <= 0) return undefined;
  return { raw, summary: `Collected ${parts.join(' and ')} since ${from}.` };
}

/**
 * The most a sum of `span` ordinary days reaches: `span` times the mean day plus three standard deviations of
 * such a sum (σ·√span), from the `observed` days before the window (days without the activity count as 0).
 * A heavy user's single days vary two- or threefold, but a month of them varies far less, so growth sustained
 * for weeks stands out of a sum where no single day does.
 */
export function sumCeiling(values: readonly number[], observed: number, span: number): number {
  const mean = values.reduce((s, v) => s + v, 0) / observed;
  const squares = values.reduce((s, v) => s + (v - mean) ** 2, 0) + (observed - values.length) * mean ** 2;
  return mean * span + 3 * Math.sqrt((squares / observed) * span);
}
