import { isOfficeWorkingDay, localToUtcMs } from './calendar';
import type { Person } from './people';
import type { Prng } from './prng';

/** A stretch of time the person's browser is open and the machine awake enough to work. */
export interface Session {
  from: number;
  to: number;
}

/** Whether the person is due at work that day: hired, not gone, a working day of their office and of their part-time week, not on holiday. */
export function isDueAtWork(person: Person, start: string, day: number): boolean {
  if (person.hiredOnDay !== undefined && day < person.hiredOnDay) return false;
  if (person.lastDay !== undefined && day > person.lastDay) return false;
  const { vacation, partTimeDays } = person.habits;
  if (vacation && day >= vacation.from && day <= vacation.to) return false;
  if (!isOfficeWorkingDay(person.office, start, day)) return false;
  return !partTimeDays || partTimeDays.includes(new Date(Date.parse(`${start}T00:00:00Z`) + day * 86_400_000).getUTCDay());
}

/**
 * The day's sessions: the working day around the person's usual start (or none when off or ill), and now
 * and then an evening session for those who work evenings.
 */
export function sessionsOn(person: Person, start: string, day: number, rng: Prng): Session[] {
  if (!isDueAtWork(person, start, day) || rng.chance(0.02)) return [];
  const zone = person.office.timeZone;
  const begin = person.habits.startHour + 0.3 * rng.normal();
  const length = Math.max(2, person.habits.dayHours + 0.5 * rng.normal());
  const sessions = [{ from: localToUtcMs(zone, start, day, begin), to: localToUtcMs(zone, start, day, begin + length) }];
  if (person.habits.eveningWorker && rng.chance(0.2)) sessions.push(eveningAtHome(person, start, day, rng));
  return sessions;
}

/** Half an hour to an hour and a half at the laptop at home, starting between 19:30 and 21:30 local. */
export function eveningAtHome(person: Person, start: string, day: number, rng: Prng): Session {
  const zone = person.office.timeZone;
  const evening = rng.between(19.5, 21.5);
  return { from: localToUtcMs(zone, start, day, evening), to: localToUtcMs(zone, start, day, evening + rng.between(0.5, 1.5)) };
}

/** A moment inside the sessions, each session as likely as its length. */
export function momentIn(sessions: readonly Session[], rng: Prng): number {
  const total = sessions.reduce((sum, s) => sum + (s.to - s.from), 0);
  let r = rng.next() * total;
  for (const s of sessions) {
    if (r < s.to - s.from) return Math.floor(s.from + r);
    r -= s.to - s.from;
  }
  return sessions[0]!.from;
}
