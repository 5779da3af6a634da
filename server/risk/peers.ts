import { baselineOf, type Baseline } from './baseline';
import { INDICATORS, type DailyActivity, type Indicator } from './indicators';
import { RISK_MODEL, type RiskModel } from './model';
import { addDays, isoDay, windowStart } from './days';

/** What an employee is compared with: the peer group's baselines and its 95th percentile of cumulative exfiltration. */
export interface PeerContext {
  group: string;
  members: number;
  baselines: Partial<Record<Indicator, Baseline>>;
  /** 95th percentile, across the other members, of contacts sent to personal destinations over the window. */
  cumulativeP95: number;
  /** Every member's window total, sorted, so the percentile can leave the scored employee out. */
  cumulativeSorted?: number[];
}

/** The peers' 95th percentile of cumulative exfiltration without `own` (one member's own total). */
export function cumulativeP95Excluding(peers: PeerContext, own: number): number {
  const sorted = peers.cumulativeSorted;
  if (!sorted) return peers.cumulativeP95;
  if (sorted.length === 0 || (sorted.length === 1 && sorted[0] === own)) return 0;
  // The sorted list without one copy of `own`, read at the 95th percentile without copying it.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < own) lo = mid + 1;
    else hi = mid;
  }
  const without = sorted[lo] === own ? lo : -1;
  const n = without >= 0 ? sorted.length - 1 : sorted.length;
  const at = Math.min(n - 1, Math.floor(0.95 * n));
  return sorted[without >= 0 && at >= without ? at + 1 : at]!;
}

/**
 * Pools the active days of every member of a group over the baseline period, per indicator, and the
 * members' cumulative exfiltration over the window. One leaker among many barely moves either.
 */
export function peerContext(group: string, members: readonly (readonly DailyActivity[])[], now: Date, model: RiskModel = RISK_MODEL): PeerContext {
  const start = windowStart(now, model);
  const baselineFrom = addDays(start, -model.baselineDays);
  const pools = new Map<Indicator, number[]>(INDICATORS.map((i) => [i, []]));
  const cumulative: number[] = [];
  const today = isoDay(now);
  for (const days of members) {
    let sent = 0;
    for (const d of days) {
      if (d.day > today) continue;
      if (d.day >= start) {
        sent += (d.values.upload_contacts ?? 0) + (d.values.paste_contacts ?? 0);
        continue;
      }
      if (d.day < baselineFrom) continue;
      for (const indicator of INDICATORS) {
        const v = d.values[indicator] ?? 0;
        if (v > 0) pools.get(indicator)!.push(v);
      }
    }
    cumulative.push(sent);
  }
  const observed = members.length * model.baselineDays;
  const baselines: Partial<Record<Indicator, Baseline>> = {};
  for (const [indicator, values] of pools) baselines[indicator] = baselineOf(values, observed);
  const cumulativeSorted = [...cumulative].sort((a, b) => a - b);
  return { group, members: members.length, baselines, cumulativeP95: quantile(cumulativeSorted, 0.95), cumulativeSorted };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
