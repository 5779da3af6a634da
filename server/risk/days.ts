import type { RiskModel } from './model';

export const DAY_MS = 86_400_000;

const isoDays = new Map<number, string>();
const shifted = new Map<string, string>();

/** YYYY-MM-DD of a UTC date. Memoised: scoring ten thousand people asks for the same few days millions of times. */
export function isoDay(date: Date): string {
  const t = date.getTime();
  let day = isoDays.get(t);
  if (day === undefined) {
    if (isoDays.size > 100_000) isoDays.clear();
    isoDays.set(t, (day = date.toISOString().slice(0, 10)));
  }
  return day;
}

/**
 * The day an action belongs to: the employee's local date as the browser wrote it
 * (`2026-11-02T23:30:00+03:00` is the 2nd), so a working day is never split at UTC midnight.
 */
export function dayOfTimestamp(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : isoDay(new Date(iso));
}

/** Whether `day` is a YYYY-MM-DD that exists: V8 reads 2026-02-30 as 2 March, so the date must survive a round trip. */
export function isCalendarDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let result = shifted.get(key);
  if (result === undefined) {
    if (shifted.size > 100_000) shifted.clear();
    shifted.set(key, (result = new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)));
  }
  return result;
}

/** The first day of the scoring window that ends today. */
export function windowStart(now: Date, model: RiskModel): string {
  return addDays(isoDay(now), -(model.windowDays - 1));
}

/** Days between the end of `day` and `now`, never negative. */
export function ageInDays(day: string, now: Date): number {
  return Math.max(0, (now.getTime() - (Date.parse(`${day}T00:00:00Z`) + DAY_MS)) / DAY_MS);
}
