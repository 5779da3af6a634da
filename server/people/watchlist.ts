import type { HrSignalRecord } from '../store/store';

/** How far the watchlist looks: people who left up to this many days ago, or leave within the next. */
export const WATCH_BACK_DAYS = 30;
export const WATCH_AHEAD_DAYS = 90;

export interface Departure {
  employee: string;
  notice?: string;
  lastDay?: string;
  /** Days until the last working day (negative once past); undefined without one. */
  daysLeft?: number;
}

/**
 * Who is leaving: everyone whose latest notice or last working day (a termination is both) falls in
 * [today − 30 d, today + 90 d], soonest last day first, those without a last day after. Pure.
 */
export function departing(signals: ReadonlyMap<string, readonly HrSignalRecord[]>, today: string): Departure[] {
  const day = Date.parse(`${today}T00:00:00Z`);
  const inWindow = (d: string | undefined) => d !== undefined && Date.parse(d) >= day - WATCH_BACK_DAYS * 86_400_000 && Date.parse(d) <= day + WATCH_AHEAD_DAYS * 86_400_000;
  const latest = (list: readonly HrSignalRecord[], kinds: string[]) =>
    list.filter((s) => kinds.includes(s.kind)).map((s) => s.effectiveDate.slice(0, 10)).sort().at(-1);
  const found: Departure[] = [];
  for (const [employee, list] of signals) {
    const notice = latest(list, ['resignation_notice', 'termination']);
    const lastDay = latest(list, ['last_working_day', 'termination']);
    if (!inWindow(notice) && !inWindow(lastDay)) continue;
    const daysLeft = lastDay === undefined ? undefined : Math.round((Date.parse(`${lastDay}T00:00:00Z`) - day) / 86_400_000);
    found.push({ employee, notice, lastDay, daysLeft });
  }
  return found.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.employee.localeCompare(b.employee));
}
