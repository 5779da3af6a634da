import type { VolumeCell } from '../store/console-reads';
import type { VolumeSeries } from './stacked-volume-chart';

/** A window longer than this is drawn per week rather than per day, so bars stay wide enough to read. */
const DAILY_UP_TO_DAYS = 92;

/** What the activity explorer draws: buckets (days or weeks) and the series of each dimension. */
export interface ActivityCharts {
  buckets: string[];
  /** `day` or `week`: what one bar covers. */
  unit: 'day' | 'week';
  byType: VolumeSeries[];
  byCrm: VolumeSeries[];
  byDestination: VolumeSeries[];
}

/**
 * The grouped counts of [from, until] (days, inclusive) as bars: one per day, or per week (starting on
 * `from`) for long windows. Events without a CRM or destination are left out of that chart (an upload
 * has no CRM; an export no destination). Pure.
 */
export function activityCharts(cells: readonly VolumeCell[], from: string, until: string): ActivityCharts {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${until}T00:00:00Z`) - start) / 86_400_000) + 1;
  const unit = days > DAILY_UP_TO_DAYS ? 'week' : 'day';
  const width = unit === 'week' ? 7 : 1;
  const buckets = Array.from({ length: Math.ceil(days / width) }, (_, i) => new Date(start + i * width * 86_400_000).toISOString().slice(0, 10));
  const bucketOf = (day: string) => Math.floor(Math.round((Date.parse(`${day}T00:00:00Z`) - start) / 86_400_000) / width);
  const series = (pick: (c: VolumeCell) => string | null) => {
    const lines = new Map<string, number[]>();
    for (const cell of cells) {
      const name = pick(cell);
      // The last week may reach past `until`: a count of a later day is not the window's.
      if (name === null || cell.day < from || cell.day > until) continue;
      const i = bucketOf(cell.day);
      const counts = lines.get(name) ?? buckets.map(() => 0);
      counts[i]! += cell.count;
      lines.set(name, counts);
    }
    return [...lines].map(([name, counts]) => ({ name, counts }));
  };
  return { buckets, unit, byType: series((c) => c.type), byCrm: series((c) => c.crm), byDestination: series((c) => c.destination) };
}

/**
 * Where the timeline of the newest `limit` events can start reading: the latest day by which the counts
 * hold `limit` events, or the window's start when they hold fewer. The counts leave heartbeats out, so
 * the day found holds at least as many events as counted. Saves a filtered timeline from testing every
 * event of a long window on the way to its 300 newest.
 */
export function timelineStart(cells: readonly VolumeCell[], limit: number, windowStart: string): string {
  const perDay = new Map<string, number>();
  for (const cell of cells) perDay.set(cell.day, (perDay.get(cell.day) ?? 0) + cell.count);
  let held = 0;
  for (const day of [...perDay.keys()].sort().reverse()) {
    held += perDay.get(day)!;
    if (held >= limit) return `${day}T00:00:00.000Z` > windowStart ? `${day}T00:00:00.000Z` : windowStart;
  }
  return windowStart;
}
