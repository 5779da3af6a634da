import { addDays, DAY_MS } from './days';
import type { DailyActivity } from './indicators';
import type { RiskModel } from './model';

export interface CoverageGap {
  since: string;
  until: string;
  workingDays: number;
}

/**
 * Runs of working days without a heartbeat, inside the window, between days that had one: the extension
 * was removed, disabled or blocked and then came back. Weekends do not count towards a gap.
 */
export function coverageGaps(daily: readonly DailyActivity[], windowFrom: string, today: string, model: RiskModel): CoverageGap[] {
  const beats = new Set(daily.filter((d) => d.day <= today && (d.values.heartbeats ?? 0) > 0).map((d) => d.day));
  if (beats.size === 0) return [];
  const sorted = [...beats].sort();
  const minimum = Math.ceil(model.coverageGapHours / 24);
  const gaps: CoverageGap[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    if (after < windowFrom) continue;
    let workingDays = 0;
    const end = Date.parse(`${after}T00:00:00Z`);
    for (let t = Date.parse(`${before}T00:00:00Z`) + DAY_MS; t < end; t += DAY_MS) {
      const weekday = new Date(t).getUTCDay();
      if (weekday !== 0 && weekday !== 6) workingDays++;
    }
    if (workingDays >= minimum) gaps.push({ since: addDays(before, 1), until: after, workingDays });
  }
  return gaps;
}
