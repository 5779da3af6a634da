import type { Event } from '../../shared/events';
import type { HrSignalInput } from '../../server/risk/departure';
import { contactFingerprint, rng, type Rng } from './random';

/**
 * A synthetic organisation for the labelled risk benchmark: employees in roles with different normal
 * behaviour, legitimate heavy users, new hires, ordinary resignations, and seeded departing leakers of
 * several styles with their HR notices. Everything derives from the seed.
 */

export type Role = 'sales_rep' | 'sdr' | 'sales_ops' | 'marketing' | 'support' | 'manager';
/** The HR directory's department: SDRs and account executives are both "sales", at volumes tenfold apart. */
export const DEPARTMENT: Record<Role, string> = { sales_rep: 'sales', sdr: 'sales', sales_ops: 'sales_ops', marketing: 'marketing', support: 'support', manager: 'management' };
export type LeakStyle = 'burst' | 'drip' | 'copy_only' | 'enumerate_print' | 'export_rename_upload' | 'small_exports' | 'collect_then_take' | 'heavy_doubling' | 'print_pdf';
export const LEAK_STYLES: LeakStyle[] = ['burst', 'drip', 'copy_only', 'enumerate_print', 'export_rename_upload', 'small_exports', 'collect_then_take', 'heavy_doubling', 'print_pdf'];
/** Days before the notice each style starts taking data: recall counts a `high` only from then on. */
export const LEAK_START: Record<LeakStyle, number> = {
  burst: -4, drip: -25, copy_only: -10, enumerate_print: -6, export_rename_upload: -9, small_exports: -28,
  collect_then_take: -35, heavy_doubling: -28, print_pdf: -12,
};

export interface SyntheticEmployee {
  email: string;
  role: Role;
  /** Volumes several times the role's usual, every day, legitimately. */
  heavy: boolean;
  /** First day with activity (new hires start late). */
  startDay: number;
  leak?: { style: LeakStyle; noticeDay: number };
  /** Resigns without taking anything. */
  honestLeaver?: { noticeDay: number };
  /** Once, pastes a handful of clients into personal mail to work from home: careless, not a theft. */
  carelessDay?: number;
  /** Planned bulk work (a CRM migration, an audit) an administrator declared beforehand: days [from, to]. */
  changeWindow?: { from: number; to: number; reason: string };
  events: Event[];
  hr: HrSignalInput[];
}

export interface SyntheticOrg {
  seed: number;
  start: Date;
  days: number;
  employees: SyntheticEmployee[];
  /** The declared change windows, as an administrator enters them (dates, inclusive). */
  changeWindows: { employees: string[]; from: string; to: string; reason: string }[];
}

const ROLE_MIX: [Role, number][] = [['sales_rep', 0.45], ['sdr', 0.1], ['sales_ops', 0.08], ['marketing', 0.1], ['support', 0.15], ['manager', 0.12]];
const CONTACTS = 40_000;
const DAY_MS = 86_400_000;

export function generateOrg(seed: number, employees = 500, days = 120, start = new Date('2026-06-01T00:00:00Z')): SyntheticOrg {
  const r = rng(seed);
  const people: SyntheticEmployee[] = [];
  for (let i = 0; i < employees; i++) {
    const role = pickRole(r);
    const heavy = (role === 'sales_ops' || role === 'support' || role === 'marketing') && r.chance(0.25);
    const startDay = r.chance(0.05) ? r.int(50, 100) : 0;
    people.push({ email: `${role}.${i}@acme.example`, role, heavy, startDay, events: [], hr: [] });
  }
  // About 2% leak: reps and managers, who own client books, and sales operations, who export all day anyway.
  const candidates = people.filter((p) => (p.role === 'sales_rep' || p.role === 'manager' || p.role === 'sales_ops') && p.startDay === 0);
  const leakers = r.sample(candidates, Math.max(LEAK_STYLES.length, Math.round(employees * 0.02)));
  leakers.forEach((p, i) => (p.leak = { style: LEAK_STYLES[i % LEAK_STYLES.length]!, noticeDay: r.int(55, days - 8) }));
  // Sustained doubling is a heavy user's way: the one with that style becomes a heavy sales-operations analyst.
  for (const p of leakers.filter((q) => q.leak!.style === 'heavy_doubling')) Object.assign(p, { role: 'sales_ops', heavy: true, email: p.email.replace(/^[a-z_]+\./, 'sales_ops.') });
  for (const p of r.sample(people.filter((q) => !q.leak && q.startDay === 0), Math.round(employees * 0.03))) p.honestLeaver = { noticeDay: r.int(40, days - 5) };
  // A separate labelled class: their alerts count as false alarms, but they are not the "heavy users"
  // whose only peculiarity is volume.
  for (const p of r.sample(people.filter((q) => !q.leak && !q.heavy), Math.round(employees * 0.03))) p.carelessDay = r.int(10, days - 1);
  // A CRM administrator's planned migration: three days of whole-database exports, declared beforehand.
  for (const p of r.sample(people.filter((q) => q.role === 'sales_ops' && !q.leak && !q.honestLeaver && q.startDay === 0), 1)) {
    const from = r.int(45, days - 10);
    p.changeWindow = { from, to: from + 2, reason: 'CRM migration' };
  }

  let seq = 0;
  const ctx: Ctx = { r, start, nextId: () => `00000000-0000-4000-8000-${(seq++).toString(16).padStart(12, '0')}` };
  for (const p of people) {
    simulate(p, days, ctx);
    p.events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  }
  const changeWindows = people.filter((p) => p.changeWindow).map((p) => ({ employees: [p.email], from: dayIso(start, p.changeWindow!.from), to: dayIso(start, p.changeWindow!.to), reason: p.changeWindow!.reason }));
  return { seed, start, days, employees: people, changeWindows };
}

interface Ctx { r: Rng; start: Date; nextId: () => string }

function pickRole(r: Rng): Role {
  let x = r.next();
  for (const [role, share] of ROLE_MIX) if ((x -= share) < 0) return role;
  return 'sales_rep';
}

function simulate(p: SyntheticEmployee, days: number, ctx: Ctx) {
  const { r } = ctx;
  const book = Array.from({ length: r.int(300, 1500) }, () => r.int(0, CONTACTS - 1));
  const notice = p.leak?.noticeDay ?? p.honestLeaver?.noticeDay;
  const lastDay = notice === undefined ? days : Math.min(days, notice + 14);
  if (notice !== undefined) {
    p.hr.push({ kind: 'resignation_notice', effectiveDate: dayIso(ctx.start, notice) });
    p.hr.push({ kind: 'last_working_day', effectiveDate: dayIso(ctx.start, notice + 14) });
  }
  const vacation = r.chance(0.1) ? r.int(20, days - 10) : -1;
  // Each person has a typical volume (heavy users 3–5× their role's); days vary around it.
  const scale = r.lognormal(p.heavy ? r.int(3, 5) : 1, 0.25);
  const daily = (median: number) => Math.max(1, Math.round(r.lognormal(median * scale, 0.45)));
  const v = scale;
  for (let day = p.startDay; day <= lastDay && day < days; day++) {
    const date = new Date(ctx.start.getTime() + day * DAY_MS);
    const weekend = date.getUTCDay() % 6 === 0;
    const e = emitter(p, day, ctx);
    // Month-end reporting: the last working days of a month, managers, sales operations and reps export more.
    const monthEnd = new Date(date.getTime() + 3 * DAY_MS).getUTCMonth() !== date.getUTCMonth();
    // A heavy leaker's way: twice their own usual, every day, for four weeks before the notice.
    const doubling = p.leak?.style === 'heavy_doubling' && day - p.leak.noticeDay >= -28 && day < p.leak.noticeDay ? 2 : 1;
    const busy = (monthEnd ? 2.5 : 1) * doubling;
    // A leaker's plan waits neither for Monday nor for the end of a holiday; ordinary work does.
    if (p.leak) { e.inOrder(); leak(p.leak.style, day - p.leak.noticeDay, book, e, r); e.normalTimes(); }
    if (vacation >= 0 && day >= vacation && day < vacation + 9) continue;
    if (p.changeWindow && day >= p.changeWindow.from && day <= p.changeWindow.to) for (let i = r.int(8, 15); i > 0; i--) e.exportRows(r.int(2000, 4000));
    // As many contacts as a drip leaker's daily paste: once is carelessness, every day is theft.
    if (day === p.carelessDay) { e.inOrder(); e.paste(e.copy(r.sample(book, r.int(5, 40)))); e.normalTimes(); }
    if (weekend && !r.chance(0.1)) continue;
    if (p.honestLeaver) handOver(day - p.honestLeaver.noticeDay, book, e, r);
    if (p.startDay > 0) onboard(day - p.startDay, book, e, r);
    e.heartbeat();
    const ramp = p.startDay > 0 ? Math.min(1, (day - p.startDay + 1) / 15) : 1;
    switch (p.role) {
      case 'sales_rep':
        e.views(r.poisson(15 * ramp), book);
        if (r.chance(0.12)) e.copy(r.sample(book, r.int(3, 15)));
        if (r.chance(monthEnd ? 0.3 : 0.04)) e.export(r.sample(book, r.int(20, 200)));
        if (r.chance(0.02)) e.print();
        if (r.chance(0.01)) e.upload([], 'photo.jpg');
        break;
      case 'sdr':
        // Prospecting: ten times an account executive's record views, copies and list exports.
        e.views(r.poisson(150 * ramp), book);
        if (r.chance(0.6)) e.copy(r.sample(book, r.int(10, 60)));
        if (r.chance(0.3)) e.export(r.sample(book, r.int(100, 500)));
        break;
      case 'sales_ops':
        e.views(Math.round(daily(30) * ramp * doubling), book);
        if (r.chance(0.8)) e.exportRows(daily(1200 * busy));
        if (r.chance(0.2)) e.copy(r.sample(book, r.int(10, 50)));
        break;
      case 'marketing':
        if (r.chance(0.25)) e.exportRows(daily(4000));
        if (r.chance(0.1 * v)) e.upload([], 'campaign-creative.png');
        // Event-attendee lists for the agency: real contact lists, but not from the CRM.
        if (r.chance(0.05)) e.upload(Array.from({ length: r.int(50, 300) }, () => r.int(CONTACTS, CONTACTS * 3)), 'trade-fair-leads.csv');
        if (r.chance(0.05)) e.copy(r.sample(book, r.int(5, 30)));
        break;
      case 'support':
        e.views(Math.round(daily(60) * ramp), book);
        if (r.chance(0.1)) e.copy(r.sample(book, r.int(1, 8)));
        if (r.chance(0.02)) e.export(r.sample(book, r.int(10, 50)));
        break;
      case 'manager':
        e.views(r.poisson(8 * ramp), book);
        if (r.chance(monthEnd ? 0.5 : 0.15)) e.export(r.sample(book, r.int(50, 500)));
        if (r.chance(0.05)) e.print();
        break;
    }
  }
}

/**
 * A clean resigner's last two weeks (`offset` days after the notice): the book exported for the successor, account
 * summaries printed in the first ten days, and in the last three their own things taken home (photos and personal PDFs to a personal
 * drive, colleagues' private addresses pasted into personal mail). Nothing of the CRM's leaves.
 */
function handOver(offset: number, book: number[], e: Emitter, r: Rng) {
  if (offset <= 0 || offset > 14) return;
  if (offset <= 10 && r.chance(0.2)) e.export(r.sample(book, Math.min(book.length, r.int(200, 1200))));
  if (offset <= 10 && r.chance(0.1)) for (let i = r.int(3, 10); i > 0; i--) e.print();
  if (offset >= 12 && r.chance(0.3)) (r.chance(0.5) ? e.uploadPdf() : e.upload([], 'team-photos.zip'));
  if (offset >= 12 && r.chance(0.15)) e.paste(Array.from({ length: r.int(5, 20) }, () => r.int(CONTACTS * 3, CONTACTS * 4)));
}

/**
 * A new hire's first two weeks (`offset` days after the start): the inherited territory exported once to three
 * times, days of reading up on its accounts, account plans printed, their own signed papers saved to a personal drive.
 */
function onboard(offset: number, book: number[], e: Emitter, r: Rng) {
  if (offset < 1 || offset > 14) return;
  if (offset === 3 || (offset > 3 && r.chance(0.12))) e.export(r.sample(book, Math.min(book.length, r.int(200, 1500))));
  if (offset <= 10 && r.chance(0.25)) e.views(r.int(80, 250), book);
  if (r.chance(0.05)) for (let i = r.int(3, 8); i > 0; i--) e.print();
  if (offset <= 7 && r.chance(0.04)) e.uploadPdf();
}

/** The leaker's extra behaviour on `offset` days relative to the notice (negative: before it). */
function leak(style: LeakStyle, offset: number, book: number[], e: Emitter, r: Rng) {
  switch (style) {
    case 'burst':
      if (offset === -4) { const taken = e.export([...book, ...r.sample(book, 50)]); e.upload(taken, 'contacts.csv'); }
      break;
    case 'drip':
      if (offset >= -25 && offset < 0 && r.chance(0.8)) { const taken = e.copy(r.sample(book, r.int(15, 40))); e.paste(taken); }
      break;
    case 'copy_only':
      if (offset >= -10 && offset < 0 && r.chance(0.6)) { const taken = e.copy(r.sample(book, r.int(50, 200))); e.paste(taken); }
      break;
    case 'enumerate_print':
      if (offset >= -6 && offset <= -4) { e.views(r.int(300, 700), book); for (let i = r.int(5, 20); i > 0; i--) e.print(); }
      break;
    case 'small_exports':
      // Every day a few exports too small to notice, each under every floor: a whole book over four weeks.
      if (offset >= -28 && offset < 0 && r.chance(0.85)) for (let i = r.int(2, 4); i > 0; i--) e.export(r.sample(book, r.int(20, 45)));
      break;
    case 'collect_then_take':
      // The book exported in pieces five weeks before the notice; sent to personal mail only after it.
      if (offset >= -35 && offset <= -33) e.export(r.sample(book, Math.round(book.length / 2)), 'add');
      if (offset === 3) e.upload(e.remembered(), 'clients.csv');
      break;
    case 'print_pdf':
      // Client pages printed to PDF a few a day, the PDFs (unreadable: no contacts counted) to a personal drive.
      if (offset >= -12 && offset < 0 && r.chance(0.75)) {
        e.inOrder(); e.views(r.int(15, 40), book);
        for (let i = r.int(3, 8); i > 0; i--) e.print();
        if (r.chance(0.6)) e.uploadPdf();
        e.normalTimes();
      }
      break;
    case 'export_rename_upload':
      if (offset === -9) e.export(r.sample(book, Math.min(book.length, r.int(800, 3000))), 'remember');
      if (offset === -6) { const kept = e.remembered().filter(() => r.chance(0.9)); e.upload([...kept, ...r.sample(book, 20)], 'my-network-2026.csv'); }
      break;
  }
}

type Emitter = ReturnType<typeof emitter>;

/** What a leaker exported, for the renamed upload days later. */
const remembered = new Map<string, number[]>();

function emitter(p: SyntheticEmployee, day: number, ctx: Ctx) {
  const { r } = ctx;
  const origin = 'https://acme.lightning.force.com';
  // Office hours mostly; a few percent of actions late in the evening. In order mode (a leaker's
  // collect-then-send) each action follows the previous one by 5–60 minutes.
  let cursor: number | undefined;
  const at = (quick = false) => {
    if (cursor !== undefined) return new Date((cursor += quick ? r.int(10, 40) * 1000 : r.int(5, 60) * 60_000)).toISOString();
    return new Date(ctx.start.getTime() + day * DAY_MS + (r.chance(0.03) ? r.int(20, 22) : r.int(8, 17)) * 3_600_000 + r.int(0, 3_599_999)).toISOString();
  };
  const base = (quick = false) => ({ id: ctx.nextId(), occurredAt: at(quick), employee: p.email, origin });
  const fps = (ids: number[]) => [...new Set(ids.map(contactFingerprint))].slice(0, 4096);
  const push = (e: Event) => p.events.push(e);
  return {
    inOrder: () => { cursor = ctx.start.getTime() + day * DAY_MS + r.int(9, 12) * 3_600_000; },
    normalTimes: () => { cursor = undefined; },
    heartbeat: () => push({ ...base(), type: 'agent.heartbeat', origin: 'chrome-extension://crm-guard', extensionVersion: '0.1.0', queueDepth: 0 }),
    views: (n: number, book: number[]) => { for (let i = 0; i < n; i++) push({ ...base(true), type: 'crm.record_view', crm: 'salesforce', recordHash: contactFingerprint(book[r.int(0, book.length - 1)]! + 1_000_000) }); },
    copy: (ids: number[]) => {
      if (ids.length >= 5) push({ ...base(), type: 'crm.copy', crm: 'salesforce', action: 'copy', emailCount: ids.length, phoneCount: ids.length, rowCount: ids.length, charCount: ids.length * 60, fingerprints: fps(ids), fingerprintLevel: 0 });
      return ids;
    },
    export: (ids: number[], keep?: 'remember' | 'add') => {
      if (keep) remembered.set(p.email, keep === 'add' ? [...(remembered.get(p.email) ?? []), ...ids] : ids);
      push({ ...base(), type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'contacts.csv', format: 'csv', rows: ids.length, columns: 8, emailCount: ids.length, fingerprints: fps(ids), fingerprintLevel: 0 });
      return ids;
    },
    exportRows: (rows: number) => push({ ...base(), type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'report.csv', format: 'csv', rows, columns: 12, emailCount: rows, fingerprints: fps(Array.from({ length: Math.min(rows, 4096) }, () => r.int(0, CONTACTS - 1))), fingerprintLevel: 0 }),
    remembered: () => remembered.get(p.email) ?? [],
    print: () => push({ ...base(), type: 'crm.print', crm: 'salesforce' }),
    upload: (ids: number[], fileName: string) => push({ ...base(), type: 'webmail.upload', origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input', fileName, sizeBytes: 2000 + ids.length * 80, mimeType: ids.length ? 'text/csv' : 'image/png', emailCount: ids.length, fingerprints: fps(ids), fingerprintLevel: 0 }),
    uploadPdf: () => push({ ...base(), type: 'webmail.upload', origin: 'https://drive.google.com', destination: 'gdrive', channel: 'file_input', fileName: `account-${r.int(1, 999)}.pdf`, sizeBytes: r.int(80_000, 900_000), mimeType: 'application/pdf', fingerprints: [], fingerprintLevel: 0 }),
    paste: (ids: number[]) => push({ ...base(), type: 'webmail.paste', origin: 'https://mail.google.com', destination: 'gmail', emailCount: ids.length, phoneCount: ids.length, rowCount: ids.length, charCount: ids.length * 60, fingerprints: fps(ids), fingerprintLevel: 0 }),
  };
}

export function dayIso(start: Date, day: number): string {
  return new Date(start.getTime() + day * DAY_MS).toISOString().slice(0, 10);
}
