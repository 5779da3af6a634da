/**
 * Offices, their time zones, weekends and public holidays, and turning "day d, 09:30 local" into an
 * instant. Holidays are the real ones for the default window (August-November 2026).
 */
export interface Office {
  city: string;
  timeZone: string;
  /** Days of the week off, 0 = Sunday. */
  weekend: readonly number[];
  holidays: readonly string[];
  /** Share of the headcount. */
  share: number;
}

export const OFFICES: readonly Office[] = [
  { city: 'London', timeZone: 'Europe/London', weekend: [0, 6], holidays: ['2026-08-31', '2026-12-25'], share: 0.26 },
  { city: 'New York', timeZone: 'America/New_York', weekend: [0, 6], holidays: ['2026-09-07', '2026-11-26', '2026-11-27'], share: 0.24 },
  { city: 'Berlin', timeZone: 'Europe/Berlin', weekend: [0, 6], holidays: ['2026-10-03', '2026-12-25'], share: 0.14 },
  { city: 'Tel Aviv', timeZone: 'Asia/Jerusalem', weekend: [5, 6], holidays: ['2026-09-13', '2026-09-21', '2026-10-03'], share: 0.08 },
  { city: 'Singapore', timeZone: 'Asia/Singapore', weekend: [0, 6], holidays: ['2026-08-10', '2026-11-09'], share: 0.1 },
  { city: 'Sydney', timeZone: 'Australia/Sydney', weekend: [0, 6], holidays: ['2026-10-05'], share: 0.08 },
  { city: 'São Paulo', timeZone: 'America/Sao_Paulo', weekend: [0, 6], holidays: ['2026-09-07', '2026-10-12', '2026-11-02', '2026-11-20'], share: 0.1 },
];

const DAY_MS = 86_400_000;

/** Day 0 of the observed window: a Monday, UTC midnight. */
export const WINDOW_START = '2026-08-03';

export function dayStartMs(start: string, day: number): number {
  return Date.parse(`${start}T00:00:00Z`) + day * DAY_MS;
}

export function isoDate(start: string, day: number): string {
  return new Date(dayStartMs(start, day)).toISOString().slice(0, 10);
}

export function dayOfWeek(start: string, day: number): number {
  return new Date(dayStartMs(start, day)).getUTCDay();
}

export function isOfficeWorkingDay(office: Office, start: string, day: number): boolean {
  return !office.weekend.includes(dayOfWeek(start, day)) && !office.holidays.includes(isoDate(start, day));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at that instant (daylight saving included). */
function offsetMinutesAt(timeZone: string, utcMs: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(utcMs).find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/** The zone's offset on a given day, taken at local noon (clock changes happen at night). */
export function offsetMinutesOnDay(timeZone: string, start: string, day: number): number {
  const key = `${timeZone}|${start}|${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutesAt(timeZone, dayStartMs(start, day) + 12 * 3_600_000);
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant of a local wall-clock time, in hours from local midnight of `day` (may exceed 24). */
export function localToUtcMs(timeZone: string, start: string, day: number, localHours: number): number {
  return dayStartMs(start, day) + Math.round(localHours * 3_600_000) - offsetMinutesOnDay(timeZone, start, day) * 60_000;
}

/** The local clock hour (0-23) of an instant, for the extension's "distinct records this clock hour". */
export function localHourKey(timeZone: string, start: string, day: number, utcMs: number): number {
  return Math.floor((utcMs + offsetMinutesOnDay(timeZone, start, day) * 60_000) / 3_600_000);
}
