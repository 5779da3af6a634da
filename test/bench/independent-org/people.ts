import { OFFICES, type Office } from './calendar';
import type { Prng } from './prng';
import { ROLES, SALES_ROLES, type Role } from './roles';

export const EMPLOYEE_DOMAIN = 'meridian-freight.example';

const FIRST = ['olivia', 'liam', 'emma', 'noah', 'ava', 'lucas', 'mia', 'ethan', 'sofia', 'mateo', 'chloe', 'arjun', 'yuki', 'lea', 'jonas', 'noa', 'tamar', 'wei', 'mei', 'priya', 'rahul', 'camila', 'joao', 'ana', 'ivan', 'maria', 'omar', 'fatima', 'grace', 'jack', 'hannah', 'felix', 'zoe', 'daniel', 'sarah', 'tom', 'nadia', 'leon', 'ines', 'kai'];
const LAST = ['smith', 'patel', 'nguyen', 'garcia', 'müller', 'cohen', 'tan', 'wilson', 'silva', 'kowalski', 'brown', 'schmidt', 'levi', 'lim', 'taylor', 'santos', 'ivanova', 'khan', 'chen', 'murphy', 'rossi', 'weber', 'haddad', 'okafor', 'lee', 'walker', 'costa', 'fischer', 'mizrahi', 'wong'];

/** The slice of a CRM's contact ids a person owns or works on. */
export interface Book {
  offset: number;
  size: number;
}

/** How a person's week goes: hours, part time, holidays, evenings, a browser that never closes. */
export interface Habits {
  startHour: number;
  dayHours: number;
  /** Working days of the week for three-day part-timers (0 = Sunday). */
  partTimeDays?: readonly number[];
  vacation?: { from: number; to: number };
  eveningWorker: boolean;
  alwaysOn: boolean;
  incognitoAllowed: boolean;
  browser: 'chromium' | 'firefox';
}

/** The person's own level of each activity, as a factor on the role's medians. */
export interface Levels {
  recordViews: number;
  listViews: number;
  copies: number;
  exports: number;
  prints: number;
}

export interface Person {
  index: number;
  email: string;
  role: Role;
  jobTitle: string;
  manager?: string;
  office: Office;
  habits: Habits;
  levels: Levels;
  book: Book;
  /** First day of work when hired inside the window. */
  hiredOnDay?: number;
  /** After this day the person no longer works here (last working day or termination). */
  lastDay?: number;
}

function pickWeighted<T extends { share: number }>(rng: Prng, items: readonly T[]): T {
  let r = rng.next() * items.reduce((sum, i) => sum + i.share, 0);
  for (const item of items) if ((r -= item.share) < 0) return item;
  return items[items.length - 1]!;
}

function habitsFor(rng: Prng, office: Office, days: number): Habits {
  const partTime = rng.chance(0.08) ? rng.pick(['short', 'three_days'] as const) : undefined;
  const workweek = [0, 1, 2, 3, 4, 5, 6].filter((d) => !office.weekend.includes(d));
  const vacationDays = rng.int(7, 14);
  const vacationStart = rng.int(0, Math.max(0, days - vacationDays - 1));
  return {
    startHour: Math.min(11, Math.max(6.5, 8.75 + 0.75 * rng.normal())),
    dayHours: partTime === 'short' ? rng.between(4, 5) : rng.between(7.5, 9.5),
    ...(partTime === 'three_days' && { partTimeDays: rng.shuffle(workweek).slice(0, 3) }),
    ...(rng.chance(0.3) && { vacation: { from: vacationStart, to: vacationStart + vacationDays } }),
    eveningWorker: rng.chance(0.1),
    alwaysOn: rng.chance(0.015),
    incognitoAllowed: rng.chance(0.04),
    browser: rng.chance(0.06) ? 'firefox' : 'chromium',
  };
}

function levelsFor(rng: Prng): Levels {
  const own = () => rng.lognormal(1, 0.5);
  return { recordViews: own(), listViews: own(), copies: own(), exports: own(), prints: own() };
}

/** The CRM's contact ids: Salesforce holds 0-59,999, HubSpot 24,000-103,999 (see contact-book.ts). */
function bookFor(rng: Prng, role: Role): Book {
  const size = rng.logUniform(role.book[0], role.book[1]);
  const [lo, span] = role.crm === 'hubspot' ? [24_000, 80_000] : [0, 60_000];
  return { offset: lo + rng.int(0, Math.max(0, span - size)), size };
}

/**
 * The staff: roles by share, offices by share, unique addresses, a manager for everyone but the heads of
 * department (sales people report to a sales manager, the rest to the first person of their role).
 */
export function buildPeople(rng: Prng, count: number, days: number): Person[] {
  const taken = new Set<string>();
  const people: Person[] = [];
  // Every role gets its head first, so each department has someone to report to.
  const roles = [...ROLES, ...Array.from({ length: Math.max(0, count - ROLES.length) }, () => pickWeighted(rng, ROLES))].slice(0, count);
  for (const [index, role] of roles.entries()) {
    const base = `${rng.pick(FIRST)}.${rng.pick(LAST)}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    let local = base;
    for (let n = 2; taken.has(local); n++) local = `${base}${n}`;
    taken.add(local);
    const office = pickWeighted(rng, OFFICES);
    people.push({
      index,
      email: `${local}@${EMPLOYEE_DOMAIN}`,
      role,
      jobTitle: index < ROLES.length ? `Head of ${role.department}` : rng.pick(role.titles),
      office,
      habits: habitsFor(rng, office, days),
      levels: levelsFor(rng),
      book: bookFor(rng, role),
    });
  }
  const heads = new Map(people.slice(0, ROLES.length).map((p) => [p.role.id, p.email]));
  const salesManagers = people.filter((p) => p.role.id === 'sales_manager');
  for (const person of people.slice(ROLES.length)) {
    const manager = SALES_ROLES.includes(person.role.id) ? rng.pick(salesManagers).email : heads.get(person.role.id);
    if (manager !== person.email) person.manager = manager;
  }
  return people;
}
