import type { DayContext } from './day-context';
import { personalFile } from './event-writer';
import { MESSENGERS, PERSONAL_MAIL } from './destinations';
import type { Prng } from './prng';
import type { Story } from './story';

const within = (day: number, from: number, to: number) => day >= from && day <= to;

/** Acts once, on the first day the person works on or after `day`. */
export function onceFrom(day: number, act: (ctx: DayContext) => void): Story {
  let done = false;
  return {
    act(ctx) {
      if (done || ctx.day < day) return;
      done = true;
      act(ctx);
    },
  };
}

/** Quarter end: exports and prints 2-4x, record views 1.5x, on the last business days of the quarter. */
export function quarterEnd(rng: Prng, days: readonly number[]): Story {
  const exports = rng.between(2, 4);
  const prints = rng.between(2, 4);
  return { factors: (day) => (days.includes(day) ? { exports, prints, recordViews: 1.5 } : {}) };
}

/** A sales manager's team pipeline export on the first working day of each month. */
export function monthStartTeamExport(monthStarts: readonly number[]): Story[] {
  return monthStarts.map((day) => onceFrom(day, (ctx) => {
    ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.ownContacts(ctx.rng.logUniform(200, 2000)), ctx.rng.pick(['xlsx', 'csv'] as const));
  }));
}

/** A new book of accounts: exported on the day it is handed over, then a week of getting to know it. */
export function territoryReassignment(rng: Prng, day: number): Story[] {
  const views = rng.between(2.5, 3.5);
  return [
    onceFrom(day, (ctx) => {
      const crm = ctx.crmBook();
      const size = ctx.rng.int(300, 1500);
      ctx.person.book = { offset: crm.offset + ctx.rng.int(0, crm.size - size), size };
      ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.ownContacts(size), 'xlsx');
    }),
    { factors: (d) => (within(d, day, day + 7) ? { recordViews: views, listViews: 2 } : {}) },
  ];
}

/** After a conference, marketing exports the leads it scanned and SDRs copy more to follow them up. */
export function conferenceFollowUp(rng: Prng, day: number, role: 'marketing' | 'sdr'): Story[] {
  if (role === 'sdr') {
    const copies = rng.between(2, 3);
    return [{ factors: (d) => (within(d, day + 1, day + 8) ? { copies, listViews: 1.5 } : {}) }];
  }
  return [onceFrom(day + 1, (ctx) => void ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.otherContacts(ctx.rng.int(2000, 8000)), 'csv'))];
}

/** A new hire: many record views the first two weeks, the rest ramping from 20% to 100% over four, one territory export. */
export function newHire(rng: Prng, hiredOn: number): Story[] {
  const views = rng.between(2, 3);
  return [
    {
      factors(day) {
        const ramp = Math.min(1, 0.2 + (0.8 * (day - hiredOn)) / 28);
        return { recordViews: day - hiredOn < 14 ? views : ramp, listViews: ramp, copies: ramp, exports: ramp, prints: ramp };
      },
    },
    onceFrom(hiredOn + rng.int(2, 5), (ctx) => void ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.ownContacts(ctx.person.book.size), 'xlsx')),
  ];
}

/** A declared CRM migration: full exports (the whole base in slices) for its runners, larger ones for helpers. */
export function migrationWork(from: number, to: number, runner: boolean): Story {
  return {
    factors: (day) => (within(day, from, to) ? { recordViews: 2, listViews: 2 } : {}),
    act(ctx) {
      if (!within(ctx.day, from, to)) return;
      for (let n = runner ? ctx.rng.int(1, 3) : ctx.rng.int(0, 1); n > 0; n--) {
        const rows = runner ? ctx.rng.int(20_000, 60_000) : ctx.rng.int(5000, 20_000);
        ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.otherContacts(rows), ctx.rng.pick(['csv', 'csv', 'zip'] as const));
      }
    },
  };
}

/** A declared finance audit week: statements exported and printed. */
export function auditWork(from: number, to: number): Story {
  return {
    factors: (day) => (within(day, from, to) ? { prints: 5, recordViews: 3 } : {}),
    act(ctx) {
      if (!within(ctx.day, from, to)) return;
      for (let n = ctx.rng.int(1, 2); n > 0; n--) ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.otherContacts(ctx.rng.int(1000, 5000)), 'xlsx');
    },
  };
}

/**
 * A resigner who takes nothing: a handover export of their book for the manager (for half of them),
 * a CV or photos sent to personal mail, and a slower pace after notice.
 */
export function cleanDeparture(rng: Prng, notice: number, lastDay: number): Story[] {
  const pace = rng.between(0.5, 1);
  const stories: Story[] = [{ factors: (day) => (day >= notice ? { recordViews: pace, copies: pace, exports: pace, listViews: pace } : {}) }];
  if (rng.chance(0.5)) {
    stories.push(onceFrom(notice + rng.int(3, Math.max(3, lastDay - notice - 2)), (ctx) => {
      ctx.writer.exportContacts(ctx.person, ctx.moment(), ctx.ownContacts(ctx.person.book.size), 'xlsx');
    }));
  }
  for (let n = rng.int(0, 3); n > 0; n--) {
    stories.push(onceFrom(rng.int(notice - 10, lastDay), (ctx) => ctx.writer.upload(ctx.person, ctx.moment(), ctx.rng.pick(PERSONAL_MAIL), personalFile(ctx.rng))));
  }
  return stories;
}

/** A handful of phone numbers pasted into a messenger once: a team dinner, a customer visit. */
export function messengerPaste(day: number): Story {
  return onceFrom(day, (ctx) => ctx.writer.paste(ctx.person, ctx.moment(), ctx.rng.pick(MESSENGERS), { phoneNumbers: ctx.rng.int(5, 9) }));
}
