import type { DayContext } from './day-context';
import { PERSONAL_MAIL, PERSONAL_STORAGE, MESSENGERS } from './destinations';
import type { SavedFile } from './event-writer';
import type { Prng } from './prng';
import type { Story } from './story';

/**
 * Leaks that stay small on any one day: (a) drip exports, (b) a slow leak that is there from the start,
 * (e) a heavy user doing twice their usual. See SPEC.md.
 */

/** (a) 2-6 exports a day of 8-30 rows, sweeping the CRM in order; a third go out the same day, the rest later as a ZIP. */
export function dripExports(from: number, to: number): Story {
  let cursor: number | undefined;
  let pending: SavedFile[] = [];
  let nextZip = from + 4;
  return {
    act(ctx) {
      if (ctx.day < from || ctx.day > to) return;
      const { rng, writer, person } = ctx;
      const crm = ctx.crmBook();
      cursor ??= person.book.offset - crm.offset;
      for (let n = rng.int(2, 6); n > 0; n--) {
        const rows = rng.int(8, 30);
        const at = ctx.moment();
        const file = writer.exportContacts(person, at, writer.contacts.slice(crm, cursor, rows), 'csv');
        cursor += rows;
        if (rng.chance(1 / 3)) writer.upload(person, ctx.after(at, 5, 90), rng.pick(PERSONAL_STORAGE), file);
        else pending.push(file);
      }
      if (ctx.day >= nextZip && pending.length > 0) {
        const bytes = pending.reduce((sum, f) => sum + f.sizeBytes, 0);
        writer.upload(person, ctx.after(ctx.moment(), 10, 60), rng.pick([...PERSONAL_STORAGE, ...PERSONAL_MAIL]), {
          fileName: `${rng.pick(['backup', 'notes', 'misc', 'archive'])}-${ctx.day}.zip`, sizeBytes: Math.round(bytes * 0.3), extension: 'zip', contacts: [],
        });
        pending = [];
        nextZip = ctx.day + rng.int(5, 8);
      }
    },
  };
}

/**
 * (b) Every two to four working days 15-40 contacts leave, as a small CSV to personal mail or a paste into a
 * messenger. The rhythm is the same before and after notice: it is part of the person's history.
 */
export function slowLeak(from: number, to: number): Story {
  let due = from;
  return {
    act(ctx) {
      if (ctx.day < due || ctx.day > to) return;
      const { rng, writer, person } = ctx;
      due = ctx.day + rng.int(2, 4);
      const contacts = ctx.ownContacts(rng.int(15, 40));
      const at = ctx.moment();
      if (rng.chance(0.6)) {
        const file = writer.exportContacts(person, at, contacts, 'csv');
        writer.upload(person, ctx.after(at, 2, 60), rng.pick(PERSONAL_MAIL), file);
      } else {
        writer.paste(person, ctx.after(at, 0.2, 5), rng.pick(MESSENGERS), writer.copy(person, at, contacts));
      }
    },
  };
}

/** (e) A heavy user at 1.8-2.5x their own usual for weeks; near the end some exports go to a personal drive. */
export function heavyUserDoubling(rng: Prng, from: number, to: number): Story {
  const factor = rng.between(1.8, 2.5);
  return {
    factors: (day) => (day >= from && day <= to ? { recordViews: factor, copies: factor, exports: factor, listViews: factor } : {}),
    act(ctx: DayContext) {
      if (ctx.day < to - 7 || ctx.day > to || !ctx.rng.chance(0.4)) return;
      const { role } = ctx.person;
      const rows = ctx.rng.logUniform(Math.max(200, role.exports.min), Math.max(1000, role.exports.max));
      const at = ctx.moment();
      const file = ctx.writer.exportContacts(ctx.person, at, ctx.ownContacts(rows), ctx.rng.pick(['csv', 'xlsx'] as const));
      ctx.writer.upload(ctx.person, ctx.after(at, 15, 240), ctx.rng.pick(PERSONAL_STORAGE), file);
    },
  };
}
