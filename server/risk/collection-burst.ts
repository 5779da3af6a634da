import { addDays, DAY_MS } from './days';
import { fmt } from './explain';
import type { DailyActivity } from './indicators';
import type { RiskModel } from './model';
import { busiestRun, collectedRows, p95Excluding, type PeerContext } from './peers';

export interface CollectionBurst {
  raw: number;
  summary: string;
}

export function collectedByDay(daily: readonly DailyActivity[]): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const d of daily) {
    const rows = collectedRows(d.values);
    if (rows > 0) byDay.set(d.day, (byDay.get(d.day) ?? 0) + rows);
  }
  return byDay;
}

/**
 * Most of a book of business collected in a few days, weeks before any notice, and sent out only later:
 * the 30-day total and each day's peak may stay ordinary while one week holds several times more than
 * the person's busiest week of the 90 days before it and than 95% of the peers' busiest weeks. Judged only
 * on days before a notice (from it on, exporting one's accounts is the handover a leaver is asked to do)
 * and only with `collectionBurstMinHistoryDays` of history before the run (a new hire's inherited territory
 * is their first usual). Points per doubling above both, fading from the run's latest day.
 */
export function collectionBurst(
  daily: readonly DailyActivity[], from: string, today: string, noticeDay: string | undefined, peers: PeerContext | undefined,
  model: RiskModel, weighDay: (day: string) => number,
): CollectionBurst | undefined {
  const k = model.collectionBurstDays;
  const until = noticeDay !== undefined && noticeDay <= today ? addDays(noticeDay, -1) : today;
  if (until < from || daily.length === 0) return undefined;
  const byDay = collectedByDay(daily);
  const firstDay = daily.reduce((min, d) => (d.day < min ? d.day : min), daily[0]!.day);
  // The peers' busiest weeks, without this person's own (pooled the same way over the same days).
  const ownPooled = busiestRun(byDay, addDays(addDays(today, -(model.windowDays - 1)), -model.baselineDays), today, k);
  const peerCeiling = Math.max(model.collectionBurstFloor, (peers && p95Excluding(peers.collectionSorted?.burst, ownPooled)) ?? 0);
  let best: { raw: number; total: number; start: string; own: number } | undefined;
  let sum = 0;
  for (let day = addDays(from, -(k - 1)), i = 0; day <= until; day = addDays(day, 1), i++) {
    sum += (byDay.get(day) ?? 0) - (i >= k ? byDay.get(addDays(day, -k)) ?? 0 : 0);
    if (day < from || sum <= peerCeiling) continue;
    const start = addDays(day, -(k - 1));
    const historyDays = Math.round((Date.parse(start) - Date.parse(firstDay)) / DAY_MS);
    if (historyDays < model.collectionBurstMinHistoryDays) continue;
    // The own usual is frozen from before the run: a burst never becomes the ceiling it is compared with.
    const own = busiestRun(byDay, addDays(start, -model.baselineDays), addDays(start, -1), k);
    const ceiling = Math.max(peerCeiling, own);
    if (sum <= ceiling) continue;
    let latest = day;
    while (!byDay.has(latest)) latest = addDays(latest, -1);
    const raw = model.collectionBurstPerDoubling * Math.log2(sum / ceiling) * weighDay(latest);
    if (!best || raw > best.raw) best = { raw, total: sum, start, own };
  }
  if (!best) return undefined;
  return {
    raw: best.raw,
    summary: `Collected ${fmt(best.total)} contacts (export rows and copies) in the ${k} days from ${best.start}: `
      + `${best.own > 0 ? `${fmt(best.total / best.own)}× the busiest ${k} days of the 90 before, ` : 'none in the 90 days before, '}`
      + `above the busiest ${k} days of 95% of the ${peers?.group ?? 'peer'} group (${fmt(peerCeiling)}).`,
  };
}
