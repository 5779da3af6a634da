import type { RiskModel } from './model';

export const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a UTC date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The day an action belongs to: the employee's local date as the browser wrote it
 * (`2026-11-02T23:30:00+03:00` is the 2nd), so a working day is never split at UTC midnight.
 */
export function dayOfTimestamp(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : isoDay(new Date(iso));
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** The first day of the scoring window that ends today. */
export function windowStart(now: Date, model: RiskModel): string {
  return addDays(isoDay(now), -(model.windowDays - 1));
}

/** Days between the end of `day` and `now`, never negative. */
export function ageInDays(day: string, now: Date): number {
  return Math.max(0, (now.getTime() - (Date.parse(`${day}T00:00:00Z`) + DAY_MS)) / DAY_MS);
}

export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
