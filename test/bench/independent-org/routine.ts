import type { DayContext, Factors } from './day-context';
import { personalFile } from './event-writer';
import { MESSENGERS, PERSONAL_MAIL, PERSONAL_STORAGE } from './destinations';

/** What a record view opens, by the kind of work: support lives in cases, SDRs in leads. */
const OBJECTS: Record<string, readonly string[]> = {
  sdr: ['Lead', 'Lead', 'Lead', 'Contact', 'Account'],
  support: ['Case', 'Case', 'Case', 'Contact', 'Account'],
  marketing: ['contact', 'contact', 'company'],
  finance: ['Account', 'Account', 'Opportunity'],
  default: ['Contact', 'Contact', 'Account', 'Account', 'Opportunity'],
};

/** About once a month anyone sends a personal file (a photo, a ticket) to personal mail or a drive. */
const PERSONAL_UPLOAD_PER_DAY = 1 / 30;

/**
 * A normal working day for the person's role and own levels, times the day's factors (spikes, ramp-up,
 * a leaker's busier weeks). Counts are Poisson around the rate; sizes are log-uniform in the role's bounds.
 */
export function routineDay(ctx: DayContext, factors: Factors): void {
  const { person, rng, writer } = ctx;
  const { role, levels } = person;
  const dayNoise = rng.lognormal(1, 0.35);
  const count = (rate: number, level: number, factor: number) => rng.poisson(rate * level * factor * dayNoise);

  const objects = OBJECTS[role.crm === 'hubspot' ? 'marketing' : role.id] ?? OBJECTS.default!;
  for (let n = count(role.recordViews, levels.recordViews, factors.recordViews); n > 0; n--) {
    const id = rng.chance(0.85) ? ctx.ownContacts(1)[0]! : ctx.otherContacts(1)[0]!;
    writer.viewRecord(person, ctx.moment(), rng.pick(objects), id);
  }
  for (let n = count(role.listViews, levels.listViews, factors.listViews); n > 0; n--) {
    writer.listView(person, ctx.moment(), ctx.ownContacts(rng.logUniform(5, 60)));
  }
  for (let n = count(role.copies.perDay, levels.copies, factors.copies); n > 0; n--) {
    writer.copy(person, ctx.moment(), ctx.ownContacts(rng.logUniform(role.copies.min, role.copies.max)));
  }
  for (let n = count(role.exports.perDay, levels.exports, factors.exports); n > 0; n--) {
    writer.exportContacts(person, ctx.moment(), ctx.ownContacts(rng.logUniform(role.exports.min, role.exports.max)));
  }
  for (let n = count(role.prints, levels.prints, factors.prints); n > 0; n--) {
    const trigger = rng.pick(['print_dialog', 'print_shortcut', 'printable_view'] as const);
    writer.print(person, ctx.moment(), trigger);
  }
  if (rng.chance(PERSONAL_UPLOAD_PER_DAY)) {
    const site = rng.pick([...PERSONAL_MAIL, ...PERSONAL_STORAGE, ...MESSENGERS]);
    writer.upload(person, ctx.moment(), site, personalFile(rng));
  }
}
