import { dayStartMs } from './calendar';
import type { EventWriter } from './event-writer';
import type { Person } from './people';
import type { Prng } from './prng';
import type { Session } from './workday';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The version a device runs on a day: 1.9.0 reaches each device on one day of a week-long rollout. */
export function extensionVersionOn(person: Person, day: number): string {
  return day >= 58 + (person.index % 7) ? '1.9.0' : '1.8.3';
}

/**
 * Heartbeats of a laptop over one working day (extension/features/sync.ts): one when the browser starts,
 * then the hourly alarm while the machine is awake. The machine sleeps over lunch on most days and in two
 * to four meetings; a missed alarm fires once on waking and the hour counts from there.
 */
export function laptopHeartbeats(writer: EventWriter, person: Person, day: number, sessions: readonly Session[], rng: Prng): void {
  for (const session of sessions) {
    const sleeps: Session[] = [];
    const span = session.to - session.from;
    if (span > 4 * HOUR && rng.chance(0.7)) {
      const lunch = session.from + span * rng.between(0.4, 0.5);
      sleeps.push({ from: lunch, to: lunch + rng.between(40, 75) * MINUTE });
    }
    for (let m = rng.int(2, 4); m > 0 && span > 2 * HOUR; m--) {
      const meeting = session.from + rng.next() * (span - HOUR);
      sleeps.push({ from: meeting, to: meeting + rng.between(45, 150) * MINUTE });
    }
    sleeps.sort((a, b) => a.from - b.from);
    const version = extensionVersionOn(person, day);
    let at = session.from + rng.int(3, 40) * 1000;
    writer.heartbeat(person, at, version, rng.chance(0.1) ? rng.int(1, 6) : 0);
    for (let next = at + HOUR; next < session.to; next = at + HOUR) {
      const asleep = sleeps.find((s) => next >= s.from && next < s.to);
      at = asleep ? Math.min(asleep.to, session.to - 1) : next;
      writer.heartbeat(person, at, version, 0);
    }
  }
}

/** A desktop whose browser never closes: the hourly alarm around the clock, every day. */
export function desktopHeartbeats(writer: EventWriter, person: Person, start: string, day: number): void {
  const minute = (person.index * 7) % 60;
  const version = extensionVersionOn(person, day);
  for (let hour = 0; hour < 24; hour++) writer.heartbeat(person, dayStartMs(start, day) + hour * HOUR + minute * MINUTE, version, 0);
}
