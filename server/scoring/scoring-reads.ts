import type { ScoringData, ScoringRange } from '../store/activity';
import type { Store } from '../store/store';

/**
 * Scoring data of employees who each need their own range, in two reads whatever their number: those
 * with `common` (most) in one, and the others (under notice: their look-back reaches further) in one over
 * the widest of their ranges, each then cut back to exactly what a read of its own range returns.
 */
export async function scoringDataFor(store: Store, ranges: ReadonlyMap<string, ScoringRange>, common: ScoringRange): Promise<Map<string, ScoringData>> {
  const usual: string[] = [];
  const other = new Map<string, ScoringRange>();
  for (const [employee, range] of ranges) {
    if (range.dailySince === common.dailySince && range.eventsSince === common.eventsSince) usual.push(employee);
    else other.set(employee, range);
  }
  const data = usual.length > 0 ? await store.scoringData(usual, common) : new Map<string, ScoringData>();
  if (other.size === 0) return data;
  const widest = widestOf([...other.values()]);
  for (const [employee, d] of await store.scoringData([...other.keys()], widest)) data.set(employee, within(d, other.get(employee)!));
  return data;
}

/** One range covering all of `ranges`. */
export function widestOf(ranges: readonly ScoringRange[]): ScoringRange {
  let dailySince = ranges[0]!.dailySince;
  let eventsSince = ranges[0]!.eventsSince;
  for (const r of ranges) {
    if (r.dailySince !== undefined && (dailySince === undefined || r.dailySince < dailySince)) dailySince = r.dailySince;
    // An omitted bound means none of that kind wanted; the widest read still reads them for whoever wants them.
    if (r.eventsSince !== undefined && (eventsSince === undefined || r.eventsSince < eventsSince)) eventsSince = r.eventsSince;
  }
  return { dailySince, eventsSince };
}

/** `data` as a read of `range` would have returned it (the stored times are ISO instants in UTC). */
export function within(data: ScoringData, range: ScoringRange): ScoringData {
  const since = range.eventsSince === undefined ? undefined : Date.parse(range.eventsSince);
  const notable = since === undefined ? [] : data.notable.filter((e) => Date.parse(e.occurredAt) >= since);
  const kept = new Set(notable.map((e) => e.id));
  return {
    daily: range.dailySince === undefined ? [] : data.daily.filter((d) => d.day >= range.dailySince!),
    notable,
    lineage: since === undefined ? new Map() : new Map([...data.lineage].filter(([id]) => kept.has(id))),
  };
}
