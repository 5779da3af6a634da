import { addDays } from './days';
import { fmt } from './explain';
import type { DailyActivity } from './indicators';
import type { RiskModel } from './model';
import { busiestRun, collectedByDay, ownValue, p95Excluding, type PeerContext } from './peers';

export interface CollectionBurst {
  raw: number;
  summary: string;
}

/**
 * Most of a book of business collected in a few days, weeks before any notice, and sent out only later:
 * the 30-day total and each day's peak may stay ordinary while one week holds several times more than
 * the person's busiest week of the `baselineDays` before it and than 95% of the peers' busiest weeks. Judged only
 * on days before a notice (from it on, exporting one's accounts is the handover a leaver is asked to do)
 * and only with `collectionBurstMinHistoryDays` of history before the run's first day of collection (a
 * calendar month: the own ceiling then holds the person's own monthly peak); a run is up to
 * `collectionBurstDays` days. Points per doubling above both, fading from the run's latest day.
 */
export function collectionBurst(
  daily: readonly DailyActivity[], from: string, today: string, noticeDay: string | undefined, peers: PeerContext | undefined,
  model: RiskModel, weighDay: (day: string) => number, employee?: string,
): CollectionBurst | undefined {
  const k = model.collectionBurstDays;
  const until = noticeDay !== undefined && noticeDay <= today ? addDays(noticeDay, -1) : today;
  if (until < from || daily.length === 0) return undefined;
  const byDay = collectedByDay(daily);
  const firstDay = daily.reduce((min, d) => (d.day < min ? d.day : min), daily[0]!.day);
  // The peers' busiest weeks, without this person's own (pooled the same way over the same days).
  const ownPooled = busiestRun(byDay, addDays(addDays(today, -(model.windowDays - 1)), -model.baselineDays), today, k);
  const peerP95 = (peers && p95Excluding(peers.collectionSorted?.burst, ownValue(peers, employee, 'burst', ownPooled))) ?? 0;
  const peerCeiling = Math.max(model.collectionBurstFloor, peerP95);
  // History is what was loaded: a baseline's worth at most, so a longer minimum would silently switch this off.
  const minHistory = Math.min(model.collectionBurstMinHistoryDays, model.baselineDays);
  const judgedFrom = addDays(firstDay, minHistory);
  let best: { raw: number; total: number; start: string; latest: string; own: number } | undefined;
  let sum = 0;
  // Runs inside the window only: a run's days before `from` are the window's past, not its burst.
  for (let day = from; day <= until; day = addDays(day, 1)) {
    sum += (byDay.get(day) ?? 0) - (addDays(day, -k) >= from ? byDay.get(addDays(day, -k)) ?? 0 : 0);
    if (sum <= peerCeiling || peerCeiling <= 0) continue;
    // A run of up to k days begins on its first day of collection with enough history before it: the empty
    // days before it, and an ordinary export too early to judge, are history, not the run.
    const windowStart = addDays(day, -(k - 1)) < from ? from : addDays(day, -(k - 1));
    let start = windowStart < judgedFrom ? judgedFrom : windowStart;
    let total = sum;
    for (let early = windowStart; early < start && early <= day; early = addDays(early, 1)) total -= byDay.get(early) ?? 0;
    if (total <= peerCeiling) continue;
    while (!byDay.has(start)) start = addDays(start, 1);
    // The own usual is frozen from before the run: a burst never becomes the ceiling it is compared with.
    const own = busiestRun(byDay, addDays(start, -model.baselineDays), addDays(start, -1), k);
    const ceiling = Math.max(peerCeiling, own);
    if (total <= ceiling) continue;
    let latest = day;
    while (!byDay.has(latest)) latest = addDays(latest, -1);
    const raw = model.collectionBurstPerDoubling * Math.log2(total / ceiling) * weighDay(latest);
    if (!best || raw > best.raw) best = { raw, total, start, latest, own };
  }
  if (!best) return undefined;
  const group = `the ${peers?.group ?? 'peer'} group`;
  const ownPart = best.own > 0
    ? `${(best.total / best.own).toFixed(1)}× this person's busiest ${k} days of the ${model.baselineDays} before (${fmt(best.own)})`
    : `nothing collected in the ${model.baselineDays} days before`;
  const peerPart = peerP95 >= model.collectionBurstFloor
    ? `above the busiest ${k} days of 95% of ${group} (${fmt(peerP95)})`
    : `above the floor of ${fmt(model.collectionBurstFloor)} for ${k} days (95% of ${group} stay under ${fmt(Math.max(peerP95, 1))})`;
  const span = best.start === best.latest ? `on ${best.start}` : `from ${best.start} to ${best.latest}`;
  return { raw: best.raw, summary: `Collected ${fmt(best.total)} contacts (export rows and copies) ${span}: ${ownPart}, ${peerPart}.` };
}
