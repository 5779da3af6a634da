import type { Event } from '../../shared/events';
import { dayOfTimestamp } from './days';
import { plural } from './explain';
import type { DailyActivity } from './indicators';

/** Planned work an administrator declared for someone: a CRM migration, an audit. Days inclusive (YYYY-MM-DD). */
export interface ChangeWindowInput {
  from: string;
  to: string;
  reason: string;
}

export interface SetAside {
  daily: DailyActivity[];
  notable: Event[];
  /** The 0-point factor that says what was set aside and why, when anything was. */
  factor?: { id: 'change_window'; points: 0; summary: string; eventIds: string[] };
}

/**
 * Activity inside a declared change window is set aside before scoring: its days are neither scored nor
 * part of anyone's baseline (a migration week would otherwise lift the ceiling a later theft hides under),
 * and its events feed no sequence, lineage or cumulative total. It stays in the store and on the timeline,
 * and the factor names it, so an analyst sees the activity and the declared reason for it.
 */
export function setAsideChangeWindows(daily: readonly DailyActivity[], notable: readonly Event[], windows: readonly ChangeWindowInput[] = []): SetAside {
  if (windows.length === 0) return { daily: [...daily], notable: [...notable] };
  const inWindow = (day: string) => windows.some((w) => day >= w.from && day <= w.to);
  const keptDays = daily.filter((d) => !inWindow(d.day));
  const setAsideEvents = notable.filter((e) => inWindow(dayOfTimestamp(e.occurredAt)));
  const setAsideIds = new Set(setAsideEvents.map((e) => e.id));
  const setAsideDays = daily.length - keptDays.length;
  if (setAsideDays === 0 && setAsideEvents.length === 0) return { daily: keptDays, notable: [...notable] };
  const named = windows.map((w) => `${w.from}–${w.to} (${w.reason})`).join(', ');
  return {
    daily: keptDays,
    notable: notable.filter((e) => !setAsideIds.has(e.id)),
    factor: {
      id: 'change_window',
      points: 0,
      summary: `Declared change window ${named}: ${plural(setAsideDays, 'day')} of activity and ${plural(setAsideEvents.length, 'notable action')} in it are shown but do not raise departure risk.`,
      eventIds: setAsideEvents.map((e) => e.id),
    },
  };
}
