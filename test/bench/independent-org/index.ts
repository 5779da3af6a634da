import type { Event } from '../../../shared/events';
import type { Destination } from '../../../shared/policy';
import { isoDate, WINDOW_START } from './calendar';
import { Cast, castCleanResigners, castLayoffs, castLeakers, castNewHires, type HrSignal, type Truth } from './cast';
import { castChangeWindows, tellCompanySpikes, type ChangeWindow } from './company-events';
import { ContactBook } from './contact-book';
import { ADDED_DESTINATIONS } from './destinations';
import { EventWriter } from './event-writer';
import { buildPeople } from './people';
import { Prng } from './prng';
import type { RoleId } from './roles';
import { simulatePerson } from './simulate';

/** An organisation generated from SPEC.md: people, what their browsers reported, what HR recorded, and who really leaked. */
export interface IndependentOrg {
  /** ISO date of day 0 (UTC midnight). */
  start: string;
  days: number;
  /** `role` is the generator's role (SPEC.md), beyond what a directory would hold, for per-role breakdowns. */
  people: { email: string; department: string; jobTitle: string; manager?: string; timeZone: string; hiredOn?: string; role: RoleId }[];
  /** Valid per shared/events.ts, sorted by occurredAt. */
  events: Event[];
  hrSignals: HrSignal[];
  /** Declared by an administrator. */
  changeWindows: ChangeWindow[];
  truth: Truth[];
  /** The deployment salt the fingerprints and record hashes were keyed with (the policy's `fingerprintSalt`). */
  fingerprintSalt: string;
  /** Personal destinations this organisation's administrator added to the policy (AI assistants). */
  addedDestinations: Destination[];
}

export type { ChangeWindow, HrSignal, Truth };
export type { TruthLabel } from './cast';
export { LEAK_STYLES, type LeakStyle } from './leakers';
export type { RoleId } from './roles';

/** The same seed gives the same organisation, event ids and fingerprints included. */
export function generateIndependentOrg(seed: number, options: { people?: number; days?: number } = {}): IndependentOrg {
  const headcount = options.people ?? 420;
  const days = options.days ?? 120;
  const root = new Prng(seed);
  const salt = Array.from({ length: 4 }, () => Math.floor(root.next() * 4294967296).toString(16).padStart(8, '0')).join('');
  const people = buildPeople(root.fork('people'), headcount, days);

  const cast = new Cast(people, WINDOW_START, days);
  const castRng = root.fork('cast');
  castLeakers(castRng, cast);
  castNewHires(castRng, cast);
  castCleanResigners(castRng, cast);
  castLayoffs(castRng, cast);
  const changeWindows = castChangeWindows(castRng, cast);
  tellCompanySpikes(castRng, cast);

  const writer = new EventWriter(root.fork('ids'), new ContactBook(salt));
  for (const person of people) {
    simulatePerson(person, cast.stories.get(person.index) ?? [], WINDOW_START, days, writer, root.fork(`person:${person.index}`));
  }
  const events = writer.events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));

  return {
    start: WINDOW_START,
    days,
    people: people.map((p) => ({
      email: p.email,
      department: p.role.department,
      jobTitle: p.jobTitle,
      ...(p.manager && { manager: p.manager }),
      timeZone: p.office.timeZone,
      ...(p.hiredOnDay !== undefined && { hiredOn: isoDate(WINDOW_START, p.hiredOnDay) }),
      role: p.role.id,
    })),
    events,
    hrSignals: cast.hrSignals.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)),
    changeWindows,
    truth: cast.truth(),
    fingerprintSalt: salt,
    addedDestinations: ADDED_DESTINATIONS,
  };
}
