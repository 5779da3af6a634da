import { baselineOf, usualCeiling, type Baseline } from './baseline';
import { addDays, ageInDays, isoDay } from './days';
import type { DailyActivity, Indicator } from './indicators';
import type { RiskModel } from './model';
import type { PeerContext } from './peers';

/** How far one day's volume of one indicator sits above the employee's and the peers' usual. */
export interface DayAnomaly {
  day: string;
  value: number;
  /** Volume ÷ the employee's usual active-day volume (median), when there is a trusted baseline. */
  timesOwn?: number;
  /** Volume ÷ the peers' usual active-day volume. */
  timesPeers?: number;
  points: number;
}

export interface IndicatorAnomaly {
  indicator: Indicator;
  points: number;
  total: number;
  days: DayAnomaly[];
}

/**
 * Points for one indicator over the window. A day's anomaly is log2(volume ÷ usual ceiling) against the
 * employee's own trailing baseline (the active days of the `baselineDays` before that day, so a new hire's
 * first weeks become their baseline) and against the peers'. Above both, the smaller excess counts; above
 * only the person's own usual, `oneSidedShare` of it; above only the peers' usual (a heavy user at their
 * normal), nothing. A sales-operations analyst exporting as much as ever scores almost nothing; a rep
 * exporting ten times anyone's usual scores a lot.
 */
export function indicatorAnomaly(
  indicator: Indicator,
  daily: readonly DailyActivity[],
  windowFrom: string,
  now: Date,
  peers: PeerContext | undefined,
  weighDay: (day: string) => number,
  model: RiskModel,
  departingOn?: (day: string) => boolean,
): IndicatorAnomaly | undefined {
  const { weight, floor, presence } = model.indicators[indicator];
  if (weight === 0 && presence === 0) return undefined;
  const peer = peers?.baselines[indicator];
  const peerCeiling = Math.max(peer && peer.activeDays > 0 ? usualCeiling(peer) : 0, floor);

  // `presence` is for what is never routine; where the peers do it often (marketing sending lists to an
  // agency), it fades: at 1 day in 20 it is worth less than a third.
  const rarity = 1 / (1 + 50 * (peer?.frequency ?? 0));
  const today = isoDay(now);
  const historyFrom = addDays(windowFrom, -model.baselineDays);
  const history: { day: string; value: number }[] = [];
  for (const d of daily) {
    const value = d.values[indicator] ?? 0;
    if (value > 0 && d.day <= today && d.day >= historyFrom) history.push({ day: d.day, value });
  }
  const days: DayAnomaly[] = [];
  // Days found unusual never join a later day's baseline: a leak running for a week must not become the
  // person's usual and earn nothing from its sixth day on (the baseline stays frozen from before the run).
  const unusual = new Set<number>();
  let points = 0;
  let total = 0;
  let from = 0;
  for (let i = 0; i < history.length; i++) {
    const { day, value } = history[i]!;
    if (day < windowFrom) continue;
    total += value;
    const earliest = addDays(day, -model.baselineDays);
    while (history[from]!.day < earliest) from++;
    // Both ceilings are at least the floor, so a volume at or under it is no anomaly: skip the baseline.
    const own = value > floor ? baselineOf(usualValues(history, from, i, unusual), model.baselineDays) : undefined;
    const trusted = own !== undefined && own.activeDays >= model.minBaselineDays;
    const aPeer = Math.log2(Math.max(1, value / peerCeiling));
    const aOwn = trusted ? Math.log2(Math.max(1, value / Math.max(usualCeiling(own), floor))) : aPeer;
    const combined = Math.min(aOwn, aPeer) + model.oneSidedShare * Math.max(0, aOwn - aPeer);
    if (trusted && aOwn > model.deadZone) unusual.add(i);
    // While leaving, sustained growth (twice one's usual for weeks) is what theft looks like: less of it is forgiven.
    const deadZone = departingOn?.(day) ? model.departureDeadZone : model.deadZone;
    const anomaly = Math.max(0, combined - deadZone);
    const dayPoints = (weight * anomaly + presence * rarity) * weighDay(day);
    points += dayPoints;
    days.push({ day, value, timesOwn: trusted ? ratio(value, own) : undefined, timesPeers: peer ? ratio(value, peer) : undefined, points: dayPoints });
  }
  // Days that earned nothing are returned too: how far a day sits above the usual (enumeration) matters beyond its points.
  return days.length > 0 ? { indicator, points, total, days } : undefined;
}

/** The values of history[from, until) that were not themselves unusual. */
function usualValues(history: readonly { value: number }[], from: number, until: number, unusual: ReadonlySet<number>): number[] {
  const values: number[] = [];
  for (let j = from; j < until; j++) if (!unusual.has(j)) values.push(history[j]!.value);
  return values;
}

function ratio(value: number, b: Baseline): number | undefined {
  return b.median > 0 ? value / b.median : undefined;
}

/** Decay by age (half-life) times the departure boost for days inside the departure window. */
export function dayWeigher(now: Date, model: RiskModel, departureFrom?: number) {
  const memo = new Map<string, number>();
  return (day: string) => {
    let weight = memo.get(day);
    if (weight === undefined) {
      const boosted = departureFrom !== undefined && Date.parse(`${day}T23:59:59Z`) >= departureFrom;
      // Inside a departure window old activity stays relevant: it fades with the slower departure half-life.
      const decay = 0.5 ** (ageInDays(day, now) / (boosted ? model.departureHalfLifeDays : model.halfLifeDays));
      memo.set(day, (weight = decay * (boosted ? model.departureBoost : 1)));
    }
    return weight;
  };
}
