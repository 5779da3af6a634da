import { dayOfWeek, isoDate } from './calendar';
import type { Cast } from './cast';
import { auditWork, conferenceFollowUp, messengerPaste, migrationWork, monthStartTeamExport, quarterEnd, territoryReassignment } from './legitimate-stories';
import type { Prng } from './prng';

/** A period an administrator declared in advance, during which the people named do unusual but sanctioned work. */
export interface ChangeWindow {
  employees: string[];
  from: string;
  to: string;
  reason: string;
}

/** The last five weekdays of each quarter's last month inside the window. */
export function quarterEndDays(start: string, days: number): number[] {
  const byMonth = new Map<string, number[]>();
  for (let day = 0; day < days; day++) {
    const date = isoDate(start, day);
    const month = Number(date.slice(5, 7));
    const weekday = dayOfWeek(start, day);
    if (month % 3 !== 0 || weekday === 0 || weekday === 6) continue;
    byMonth.set(date.slice(0, 7), [...(byMonth.get(date.slice(0, 7)) ?? []), day]);
  }
  return [...byMonth.values()].flatMap((list) => list.slice(-5));
}

/** Days that are the first of a month. */
export function monthStartDays(start: string, days: number): number[] {
  return Array.from({ length: days }, (_, day) => day).filter((day) => isoDate(start, day).endsWith('-01'));
}

/**
 * Declared change windows: a CRM migration run by sales ops with a few helpers, and on some seeds a
 * finance audit week. Declared generously, from the day before to the day after, as an administrator
 * covering every time zone would.
 */
export function castChangeWindows(rng: Prng, cast: Cast): ChangeWindow[] {
  const windows: ChangeWindow[] = [];
  const declare = (people: ReturnType<Cast['free']>, from: number, to: number, reason: string) => {
    if (people.length === 0) return;
    for (const person of people) cast.label(person, { label: 'change_window' });
    windows.push({ employees: people.map((p) => p.email), from: cast.instant(Math.max(0, from - 1)), to: cast.instant(Math.min(cast.days, to + 2)), reason });
  };
  const from = rng.int(Math.round(cast.days * 0.25), Math.round(cast.days * 0.8));
  const to = from + rng.int(2, 4);
  const runners = rng.shuffle(cast.free(['sales_ops'])).slice(0, 4);
  const helpers = rng.shuffle(cast.free(['account_executive', 'account_manager', 'support', 'sales_manager'])).slice(0, rng.int(3, 5));
  for (const person of runners) cast.tell(person, migrationWork(from, to, true));
  for (const person of helpers) cast.tell(person, migrationWork(from, to, false));
  declare([...runners, ...helpers], from, to, 'Salesforce org migration: full data exports for the move to the new org');
  if (rng.chance(0.5)) {
    const auditFrom = rng.int(Math.round(cast.days * 0.2), Math.round(cast.days * 0.85));
    const auditors = rng.shuffle(cast.free(['finance'])).slice(0, 4);
    for (const person of auditors) cast.tell(person, auditWork(auditFrom, auditFrom + 4));
    declare(auditors, auditFrom, auditFrom + 4, 'External audit: receivables and customer master data');
  }
  return windows;
}

/**
 * Company-wide legitimate spikes, for everyone whose role they concern (leakers included: they still
 * have a job to do): quarter end, month-start team exports, a territory reassignment, two conferences,
 * and the odd messenger paste of a few phone numbers.
 */
export function tellCompanySpikes(rng: Prng, cast: Cast): void {
  const quarter = quarterEndDays(cast.start, cast.days);
  const monthStarts = monthStartDays(cast.start, cast.days);
  const conferences = [rng.int(Math.round(cast.days * 0.3), Math.round(cast.days * 0.45)), rng.int(Math.round(cast.days * 0.7), Math.round(cast.days * 0.85))];
  for (const person of cast.people) {
    const role = person.role.id;
    if (role === 'account_executive' || role === 'sales_manager' || role === 'finance') cast.tell(person, quarterEnd(rng, quarter));
    if (role === 'sales_manager') cast.tell(person, ...monthStartTeamExport(monthStarts));
    if (role === 'marketing' || role === 'sdr') for (const day of conferences) cast.tell(person, ...conferenceFollowUp(rng, day, role));
    if (rng.chance(0.02)) cast.tell(person, messengerPaste(rng.int(0, cast.days - 1)));
  }
  const reassignmentDay = rng.int(Math.round(cast.days * 0.45), Math.round(cast.days * 0.62));
  const reassigned = rng.shuffle(cast.people.filter((p) => ['account_executive', 'account_manager', 'sales_manager'].includes(p.role.id) && cast.labels.get(p.index)?.label !== 'leaker'));
  for (const person of reassigned.slice(0, rng.int(6, 10))) cast.tell(person, ...territoryReassignment(rng, reassignmentDay));
}
