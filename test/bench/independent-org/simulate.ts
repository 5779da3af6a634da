import { localHourKey } from './calendar';
import { DayContext, NEUTRAL, type Factors } from './day-context';
import type { EventWriter } from './event-writer';
import { desktopHeartbeats, extensionVersionOn, laptopHeartbeats } from './heartbeats';
import type { Person } from './people';
import type { Prng } from './prng';
import { routineDay } from './routine';
import type { Story } from './story';
import { eveningAtHome, sessionsOn } from './workday';

function factorsOn(stories: readonly Story[], day: number): Factors {
  const factors = { ...NEUTRAL };
  for (const story of stories) {
    const f = story.factors?.(day);
    if (!f) continue;
    for (const key of Object.keys(f) as (keyof Factors)[]) factors[key] *= f[key]!;
  }
  return factors;
}

/** Every day of one person's window: heartbeats, the routine, and their stories. */
export function simulatePerson(person: Person, stories: readonly Story[], start: string, days: number, writer: EventWriter, rng: Prng): void {
  const hourOf = (day: number) => (ms: number) => localHourKey(person.office.timeZone, start, day, ms);
  // A new hire meets the first-run notice on their first day at the browser, which may come after the hire date.
  let acknowledged = person.hiredOnDay === undefined;
  for (let day = 0; day < days; day++) {
    const employed = (person.hiredOnDay === undefined || day >= person.hiredOnDay) && (person.lastDay === undefined || day <= person.lastDay);
    if (!employed) continue;
    if (person.habits.alwaysOn) desktopHeartbeats(writer, person, start, day);
    const work = sessionsOn(person, start, day, rng);
    const home = stories.some((s) => s.homeEvening?.(day)) ? eveningAtHome(person, start, day, rng) : undefined;
    const open = home ? [...work, home] : work;
    if (open.length === 0) continue;
    if (!person.habits.alwaysOn) laptopHeartbeats(writer, person, day, open, rng);
    if (!acknowledged && work.length > 0) {
      writer.noticeAcknowledged(person, work[0]!.from + rng.int(60, 600) * 1000, extensionVersionOn(person, day));
      acknowledged = true;
    }
    const ctx = new DayContext(person, day, work, rng, writer, home);
    if (work.length > 0) routineDay(ctx, factorsOn(stories, day));
    for (const story of stories) if (work.length > 0 || story.homeEvening?.(day)) story.act?.(ctx);
    writer.endDay(hourOf(day));
  }
}
