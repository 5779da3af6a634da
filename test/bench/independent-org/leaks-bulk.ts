import { AI_ASSISTANTS, PERSONAL_MAIL, PERSONAL_STORAGE, SITES } from './destinations';
import type { SavedFile } from './event-writer';
import { onceFrom } from './legitimate-stories';
import type { Prng } from './prng';
import type { Story } from './story';

/**
 * Leaks that move whole lists: (c) prints and PDFs, (d) collect first and take later, (f) the classic
 * bulk export and upload, (g) copy and paste into an AI assistant or a draft to oneself. See SPEC.md.
 */

/** (c) 5-15 prints a day of the records behind them, and every few days the PDFs to a personal drive or mail. */
export function printToPdf(from: number, to: number): Story {
  let unsent = 0;
  return {
    act(ctx) {
      if (ctx.day < from || ctx.day > to) return;
      const { rng, writer, person } = ctx;
      for (let n = rng.int(5, 15); n > 0; n--) {
        const at = ctx.moment();
        writer.viewRecord(person, at, rng.pick(['Account', 'Contact', 'Opportunity']), ctx.ownContacts(1)[0]!);
        writer.print(person, ctx.after(at, 0.1, 2), rng.pick(['printable_view', 'print_dialog', 'print_shortcut'] as const));
        unsent++;
      }
      if (unsent < 10 && ctx.day < to) return;
      for (let n = Math.min(unsent, rng.int(1, 3)); n > 0; n--) {
        const name = rng.pick(['Account plan', 'Key contacts', 'Pipeline', 'Customer list', 'Report']);
        writer.upload(person, ctx.after(ctx.moment(), 1, 30), rng.pick([...PERSONAL_STORAGE, ...PERSONAL_MAIL]), {
          fileName: `${name} ${rng.int(1, 40)}.pdf`, sizeBytes: rng.logUniform(200_000, 6_000_000), extension: 'pdf', contacts: [],
        });
      }
      unsent = 0;
    },
  };
}

/** (d) 3-5 weeks before notice, large exports of their own and colleagues' books; after notice, the same files leave one by one. */
export function collectThenTake(rng: Prng, collectFrom: number, notice: number): Story[] {
  const files: SavedFile[] = [];
  const stories: Story[] = [];
  for (let n = rng.int(2, 4); n > 0; n--) {
    stories.push(onceFrom(collectFrom + rng.int(0, 14), (ctx) => {
      const rows = ctx.rng.int(300, 2500);
      const contacts = ctx.rng.chance(0.5) ? ctx.ownContacts(rows) : ctx.otherContacts(rows);
      files.push(ctx.writer.exportContacts(ctx.person, ctx.moment(), contacts, ctx.rng.pick(['csv', 'xlsx'] as const)));
      for (let c = ctx.rng.int(0, 3); c > 0; c--) ctx.writer.copy(ctx.person, ctx.moment(), ctx.ownContacts(ctx.rng.int(20, 80)));
    }));
  }
  // One file a day or every few days from two days after notice; half of them from home in the evening, weekends included.
  const site = rng.pick([SITES.gmail, SITES.dropbox, SITES.proton]);
  const uploads: { day: number; home: boolean }[] = [];
  for (let day = notice + 2; uploads.length < stories.length; day += rng.int(1, 3)) uploads.push({ day, home: rng.chance(0.5) });
  stories.push({
    homeEvening: (day) => uploads.some((u) => u.home && u.day === day),
    act(ctx) {
      // Tonight's upload at home when one is planned, else the oldest one due (a planned day may have been a day off).
      const tonight = uploads.findIndex((u) => u.home && u.day === ctx.day);
      const index = tonight >= 0 ? tonight : uploads.findIndex((u) => u.day <= ctx.day);
      if (index < 0 || files.length === 0) return;
      uploads.splice(index, 1);
      ctx.writer.upload(ctx.person, tonight >= 0 ? ctx.atHome() : ctx.moment(), site, files.shift()!);
    },
  });
  return stories;
}

/** (f) One big export within days of notice, uploaded to personal mail within hours; sometimes a second. */
export function classicBulk(rng: Prng, day: number): Story[] {
  const take = (on: number, minutes: readonly [number, number]) => onceFrom(on, (ctx) => {
    const at = ctx.moment();
    const file = ctx.writer.exportContacts(ctx.person, at, ctx.otherContacts(ctx.rng.int(2000, 15_000)), ctx.rng.pick(['csv', 'xlsx'] as const));
    ctx.writer.upload(ctx.person, ctx.after(at, minutes[0], minutes[1]), ctx.rng.pick(PERSONAL_MAIL), file);
  });
  const stories = [take(day, [10, 180])];
  if (rng.chance(0.4)) stories.push(take(day + rng.int(1, 3), [5, 60]));
  return stories;
}

/** (g) Copies of 20-200 rows from list views, each pasted within minutes into an AI assistant or a draft in personal mail. */
export function copyPaste(from: number, to: number): Story {
  return {
    act(ctx) {
      if (ctx.day < from || ctx.day > to) return;
      const { rng, writer, person } = ctx;
      for (let n = rng.int(2, 6); n > 0; n--) {
        const contacts = ctx.ownContacts(rng.int(20, 200));
        const at = ctx.moment();
        writer.listView(person, at, contacts.slice(0, 60));
        const copied = ctx.after(at, 0.2, 3);
        const clipboard = writer.copy(person, copied, contacts);
        writer.paste(person, ctx.after(copied, 0.3, 10), rng.chance(0.65) ? rng.pick(AI_ASSISTANTS) : rng.pick(PERSONAL_MAIL), clipboard);
      }
    },
  };
}
