import { ownBaseline, usualCeiling, type Baseline } from './baseline';
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
 * employee's own baseline and against the peers'; above both it counts the smaller of the two, above only
 * one it counts `oneSidedShare` of it, so a sales-operations analyst exporting as much as usual for
 * the role scores almost nothing while a rep exporting ten times anyone's usual scores a lot.
 */
export function indicatorAnomaly(
  indicator: Indicator,
  daily: readonly DailyActivity[],
  windowFrom: string,
  now: Date,
  peers: PeerContext | undefined,
  weighDay: (day: string) => number,
  model: RiskModel,
): IndicatorAnomaly | undefined {
  const { weight, floor, presence } = model.indicators[indicator];
  if (weight === 0 && presence === 0) return undefined;
  const own = ownBaseline(daily, indicator, addDays(windowFrom, -model.baselineDays), windowFrom, model.baselineDays);
  const trusted = own.activeDays >= model.minBaselineDays;
  const peer = peers?.baselines[indicator];
  const ownCeiling = Math.max(usualCeiling(own), floor);
  const peerCeiling = Math.max(peer && peer.activeDays > 0 ? usualCeiling(peer) : 0, floor);

  const days: DayAnomaly[] = [];
  let points = 0;
  let total = 0;
  const today = isoDay(now);
  for (const d of daily) {
    if (d.day < windowFrom || d.day > today) continue;
    const value = d.values[indicator] ?? 0;
    if (value <= 0) continue;
    total += value;
    const aPeer = Math.log2(Math.max(1, value / peerCeiling));
    const aOwn = trusted ? Math.log2(Math.max(1, value / ownCeiling)) : aPeer;
    // Above both: the smaller excess counts in full. Above only the person's own usual: a share of it.
    // Above only the peers' usual (a consistently heavy user): nothing more, that is this person's normal.
    const combined = Math.min(aOwn, aPeer) + model.oneSidedShare * Math.max(0, aOwn - aPeer);
    const anomaly = Math.max(0, combined - model.deadZone);
    const dayPoints = (weight * anomaly + presence) * weighDay(d.day);
    points += dayPoints;
    days.push({ day: d.day, value, timesOwn: trusted ? ratio(value, own) : undefined, timesPeers: peer ? ratio(value, peer) : undefined, points: dayPoints });
  }
  return points > 0 ? { indicator, points, total, days } : undefined;
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
      const decay = 0.5 ** (ageInDays(day, now) / model.halfLifeDays);
      const boosted = departureFrom !== undefined && Date.parse(`${day}T23:59:59Z`) >= departureFrom;
      memo.set(day, (weight = decay * (boosted ? model.departureBoost : 1)));
    }
    return weight;
  };
}
