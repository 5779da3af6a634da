import { dayStartMs, isOfficeWorkingDay, isoDate } from './calendar';
import { drawStyles, planLeak, STYLE_ROLES, type LeakStyle } from './leakers';
import { cleanDeparture, newHire } from './legitimate-stories';
import type { Person } from './people';
import type { Prng } from './prng';
import { ROLES, type RoleId } from './roles';
import type { Story } from './story';

export type TruthLabel = 'leaker' | 'innocent' | 'new_hire' | 'resigner_clean' | 'change_window';

export interface Truth {
  email: string;
  label: TruthLabel;
  style?: LeakStyle;
  noticeDate?: string;
  leakStart?: string;
}

export interface HrSignal {
  employeeEmail: string;
  kind: 'resignation_notice' | 'last_working_day' | 'termination';
  effectiveDate: string;
}

/** Who is who in this organisation's story, and what HR records about them. */
export class Cast {
  readonly stories = new Map<number, Story[]>();
  readonly labels = new Map<number, Truth>();
  readonly hrSignals: HrSignal[] = [];

  constructor(readonly people: readonly Person[], readonly start: string, readonly days: number) {}

  tell(person: Person, ...stories: Story[]): void {
    const list = this.stories.get(person.index) ?? [];
    list.push(...stories);
    this.stories.set(person.index, list);
  }

  label(person: Person, truth: Omit<Truth, 'email'>): void {
    this.labels.set(person.index, { email: person.email, ...truth });
  }

  isCast(person: Person): boolean {
    return this.labels.has(person.index);
  }

  /** Ordinary staff not yet given a part (heads of department stay out of it). */
  free(roles?: readonly RoleId[]): Person[] {
    return this.people.filter((p) => p.index >= ROLES.length && !this.isCast(p) && (!roles || roles.includes(p.role.id)));
  }

  /** The first working day of the person's office on or after `day` (HR dates fall on working days), within the window. */
  workingDayFrom(person: Person, day: number): number {
    let d = day;
    while (d < this.days - 1 && !isOfficeWorkingDay(person.office, this.start, d)) d++;
    return d;
  }

  signal(person: Person, kind: HrSignal['kind'], day: number): void {
    this.hrSignals.push({ employeeEmail: person.email, kind, effectiveDate: this.date(day) });
  }

  date(day: number): string {
    return isoDate(this.start, day);
  }

  instant(day: number): string {
    return new Date(dayStartMs(this.start, day)).toISOString();
  }

  truth(): Truth[] {
    return this.people.map((p) => this.labels.get(p.index) ?? { email: p.email, label: 'innocent' });
  }
}

/** Eight styles: fewer leakers than that would leave a style out. */
const LEAK_STYLES_MIN = 8;

/** Scales a count meant for 420 people to the organisation's size, never below `min`. */
export function scaled(count: number, people: number, min: number): number {
  return Math.max(min, Math.round((count * people) / 420));
}

/**
 * The leakers (12 for 420 people, every style at least once). A heavy-user leaker is drawn from the
 * busiest third of the candidates, since doubling only means something for someone already busy.
 */
export function castLeakers(rng: Prng, cast: Cast): void {
  for (const style of drawStyles(rng, scaled(12, cast.people.length, LEAK_STYLES_MIN))) {
    let candidates = cast.free(STYLE_ROLES[style]);
    if (style === 'heavy_user_doubling') candidates = [...candidates].sort((a, b) => b.levels.recordViews - a.levels.recordViews).slice(0, Math.max(1, Math.ceil(candidates.length / 3)));
    if (candidates.length === 0) continue;
    const person = rng.pick(candidates);
    const plan = planLeak(rng, style, cast.days, (day) => cast.workingDayFrom(person, day));
    person.lastDay = plan.lastDay;
    cast.tell(person, ...plan.stories);
    if (plan.notice !== undefined) {
      cast.signal(person, 'resignation_notice', plan.notice);
      cast.signal(person, 'last_working_day', plan.lastDay);
    } else {
      cast.signal(person, 'termination', plan.lastDay);
    }
    cast.label(person, { label: 'leaker', style, leakStart: cast.date(plan.leakStart), ...(plan.notice !== undefined && { noticeDate: cast.date(plan.notice) }) });
  }
}

/** People who hand in notice and take nothing; HR records the notice and the last working day. */
export function castCleanResigners(rng: Prng, cast: Cast): void {
  for (let n = scaled(rng.int(6, 10), cast.people.length, 2); n > 0; n--) {
    const candidates = cast.free();
    if (candidates.length === 0) return;
    const person = rng.pick(candidates);
    const notice = cast.workingDayFrom(person, rng.int(Math.round(cast.days * 0.2), Math.round(cast.days * 0.92)));
    const lastDay = notice + rng.int(14, 30);
    person.lastDay = lastDay;
    cast.tell(person, ...cleanDeparture(rng, notice, lastDay));
    cast.signal(person, 'resignation_notice', notice);
    cast.signal(person, 'last_working_day', lastDay);
    cast.label(person, { label: 'resigner_clean', noticeDate: cast.date(notice) });
  }
}

/** New starters: no history before their first day, then the ramp-up of legitimate-stories.ts. */
export function castNewHires(rng: Prng, cast: Cast): void {
  for (let n = scaled(rng.int(8, 12), cast.people.length, 2); n > 0; n--) {
    const candidates = cast.free();
    if (candidates.length === 0) return;
    const person = rng.pick(candidates);
    person.hiredOnDay = cast.workingDayFrom(person, rng.int(5, Math.max(5, cast.days - 20)));
    cast.tell(person, ...newHire(rng, person.hiredOnDay));
    cast.label(person, { label: 'new_hire' });
  }
}

/** One or two people let go for reasons unrelated to data: a termination with nothing behind it. */
export function castLayoffs(rng: Prng, cast: Cast): void {
  for (let n = rng.int(1, 2); n > 0; n--) {
    const candidates = cast.free();
    if (candidates.length === 0) return;
    const person = rng.pick(candidates);
    person.lastDay = cast.workingDayFrom(person, rng.int(Math.round(cast.days * 0.25), cast.days - 1));
    cast.signal(person, 'termination', person.lastDay);
    cast.label(person, { label: 'innocent' });
  }
}
