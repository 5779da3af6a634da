import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { levelFor } from '../../shared/risk';
import { dailyFromEvents, isNotable } from './aggregate';
import type { LineageMatch } from './lineage';
import { modelWith } from './model';
import { peerContext } from './peers';
import { scoreEmployee, type ScoreInput } from './score';

const NOW = new Date('2026-11-02T18:00:00Z');
const employee = 'e@acme.example';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const at = (daysAgo: number, hour = 10) => new Date(Date.UTC(2026, 10, 2 - daysAgo, hour)).toISOString();
const base = (daysAgo: number, hour?: number) => ({ id: id(), occurredAt: at(daysAgo, hour), employee, origin: 'https://x.force.com' });

const exportOf = (daysAgo: number, rows: number): Event => ({ ...base(daysAgo), type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'c.csv', format: 'csv', rows, fingerprints: [], fingerprintLevel: 0 });
const copyOf = (daysAgo: number, contacts: number, hour?: number): Event => ({ ...base(daysAgo, hour), type: 'crm.copy', crm: 'salesforce', action: 'copy', emailCount: contacts, phoneCount: 0, rowCount: contacts, charCount: contacts * 40, fingerprints: [], fingerprintLevel: 0 });
const uploadOf = (daysAgo: number, emailCount: number, hour?: number): Event => ({ ...base(daysAgo, hour), type: 'webmail.upload', origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input', fileName: 'c.csv', sizeBytes: 10, mimeType: 'text/csv', emailCount, fingerprints: [], fingerprintLevel: 0 });
const views = (daysAgo: number, count: number, offset = 0): Event[] =>
  Array.from({ length: count }, (_, i) => ({ ...base(daysAgo), type: 'crm.record_view' as const, crm: 'salesforce', recordHash: (offset + i).toString(16).padStart(16, '0') }));
const printOf = (daysAgo: number, hour = 15): Event => ({ ...base(daysAgo, hour), type: 'crm.print', crm: 'salesforce' });

/** Weekday history: `perDay(daysAgo)` events for each of the last `days` days. */
function history(days: number, perDay: (daysAgo: number) => Event[]): Event[] {
  return Array.from({ length: days }, (_, i) => perDay(days - i)).flat();
}

function score(events: Event[], extra: Partial<ScoreInput> = {}) {
  return scoreEmployee({ employee, now: NOW, daily: dailyFromEvents(events), notable: events.filter(isNotable), lineage: new Map(), hrSignals: [], sequenceWindowHours: 24, ...extra });
}

describe('scoreEmployee', () => {
  it('is zero and low with no activity', () => {
    expect(score([])).toMatchObject({ score: 0, level: 'low', factors: [] });
  });

  it('scores a volume far above both the person’s and the peers’ usual, and explains it with both ratios', () => {
    const usual = history(100, (d) => (d % 7 === 0 ? [exportOf(d, 100)] : []));
    const peers = peerContext('sales', [dailyFromEvents(usual), dailyFromEvents(usual)], NOW);
    const burst = score([...usual, exportOf(1, 5000)], { peers });
    const factor = burst.factors.find((f) => f.id === 'export_rows')!;
    expect(factor.points).toBeGreaterThan(0);
    expect(factor.summary).toMatch(/50× this person's usual and 50× the sales group's/);
  });

  it('does not score a heavy exporter at their own normal, even far above the peers', () => {
    const heavy = history(120, (d) => [exportOf(d, 3000 + ((d * 37) % 900))]);
    const light = history(120, (d) => (d % 5 === 0 ? [exportOf(d, 200)] : []));
    const peers = peerContext('sales-ops', [dailyFromEvents(light), dailyFromEvents(light), dailyFromEvents(heavy)], NOW);
    expect(score(heavy, { peers }).factors.find((f) => f.id === 'export_rows')).toBeUndefined();
  });

  it('scores someone who never exported before against peers alone; a new starter\'s first month not at all', () => {
    const peers = peerContext('sales', [dailyFromEvents(history(100, (d) => (d % 7 === 0 ? [exportOf(d, 100)] : [])))], NOW);
    const neverExported = [...history(100, (d) => (d > 1 ? views(d, 3) : [])), exportOf(1, 4000)];
    expect(score(neverExported, { peers }).factors.map((f) => f.id)).toContain('export_rows');
    expect(score([exportOf(1, 4000)], { peers }).factors.map((f) => f.id)).toEqual(['onboarding']);
  });

  it('decays: the same burst weighs less a week later and nothing after the window', () => {
    const usual = history(100, (d) => (d % 7 === 0 ? [copyOf(d, 10)] : []));
    const fresh = score([...usual.filter((e) => Date.parse(e.occurredAt) < Date.parse(at(40))), copyOf(1, 500)]).score;
    const weekOld = score([...usual.filter((e) => Date.parse(e.occurredAt) < Date.parse(at(40))), copyOf(8, 500)]).score;
    const gone = score([copyOf(31, 500)]).score;
    expect(weekOld).toBeLessThan(fresh);
    expect(gone).toBe(0);
  });

  it('counts a sequence only when the upload carries data', () => {
    const withContacts = score([copyOf(1, 30, 9), uploadOf(1, 30, 11)]);
    expect(withContacts.factors.map((f) => f.id)).toContain('collection_then_exfiltration');
    const photo = score([copyOf(1, 30, 9), uploadOf(1, 0, 11)]);
    expect(photo.factors.map((f) => f.id)).not.toContain('collection_then_exfiltration');
  });

  it('counts enumeration followed by printing as a sequence, but not a routine export followed by a print', () => {
    const usualViews = history(100, (d) => views(d, 10, d * 100));
    const enumerated = score([...usualViews, ...views(1, 600, 900_000), ...Array.from({ length: 12 }, (_, i) => printOf(1, 12 + (i % 6)))]);
    expect(enumerated.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['record_views', 'prints', 'collection_then_exfiltration']));
    const manager = score([exportOf(1, 300), printOf(1)]);
    expect(manager.factors.map((f) => f.id)).not.toContain('collection_then_exfiltration');
  });

  it('puts a large lineage-matched exfiltration at least high', () => {
    const copy = copyOf(1, 400, 9);
    const upload = uploadOf(1, 400, 11);
    const lineage = new Map<string, LineageMatch>([[upload.id, { matched: 400, total: 400, share: 1, sourceEventIds: [copy.id] }]]);
    const result = score([copy, upload], { lineage });
    expect(['high', 'critical']).toContain(result.level);
    const factor = result.factors.find((f) => f.id === 'lineage_match')!;
    expect(factor.eventIds).toEqual(expect.arrayContaining([upload.id, copy.id]));
    expect(factor.summary).toContain('400 contacts');
  });

  it('adds cumulative exfiltration above the peers’ 95th percentile', () => {
    const drip = history(20, (d) => [uploadOf(d, 15)]);
    // 300 contacts sent; 25 is what 95% of the sales group sends in a month.
    const result = score(drip, { peers: { group: 'sales', members: 50, baselines: {}, cumulativeP95: 25 } });
    expect(result.factors.find((f) => f.id === 'cumulative_exfiltration')).toBeDefined();
    expect(result.factors.find((f) => f.id === 'cumulative_exfiltration')!.summary).toContain('above what 95% of the sales group sends (50)');
  });

  it('explains itself: factor points add up to the score, largest first', () => {
    const result = score([exportOf(3, 9000), copyOf(2, 300), uploadOf(1, 200)]);
    expect(result.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(result.score, 0);
    const points = result.factors.map((f) => f.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
  });

  it('boosts activity inside the departure window and flags activity after the last day', () => {
    const events = [exportOf(2, 5000), copyOf(2, 400)];
    const noticed = score(events, { hrSignals: [{ kind: 'resignation_notice', effectiveDate: '2026-11-01' }] });
    expect(noticed.score).toBeGreaterThan(score(events).score);
    expect(noticed.factors.at(-1)).toMatchObject({ id: 'departure_window', points: 0 });
    const gone = score([printOf(0)], { hrSignals: [{ kind: 'last_working_day', effectiveDate: '2026-10-30' }] });
    expect(gone.factors.map((f) => f.id)).toContain('after_last_working_day');
    expect(gone.level).toBe('critical');
    expect(score([printOf(0)], { hrSignals: [{ kind: 'last_working_day', effectiveDate: '2026-11-30' }] }).level).toBe('low');
  });

  it('on a notice, re-weighs the 90 days before it: a paste 40 days earlier still counts', () => {
    const paste: Event = { ...base(40), type: 'webmail.paste', origin: 'https://mail.google.com', destination: 'gmail', emailCount: 300, phoneCount: 0, rowCount: 300, charCount: 9000, fingerprints: [], fingerprintLevel: 0 };
    expect(score([paste]).score).toBe(0);
    const noticed = score([paste], { hrSignals: [{ kind: 'resignation_notice', effectiveDate: '2026-11-01' }] });
    expect(noticed.factors.map((f) => f.id)).toContain('paste_contacts');
    expect(noticed.score).toBeGreaterThan(0);
  });

  it('reads the last working day in the employee’s local time', () => {
    const eveningOfLastDay = { ...printOf(1), occurredAt: '2026-11-01T17:30:00-07:00' };
    const nextMorning = { ...printOf(0), occurredAt: '2026-11-02T09:00:00-07:00' };
    const signals = [{ kind: 'last_working_day' as const, effectiveDate: '2026-11-01' }];
    expect(score([eveningOfLastDay], { hrSignals: signals }).factors.map((f) => f.id)).not.toContain('after_last_working_day');
    expect(score([nextMorning], { hrSignals: signals }).factors.map((f) => f.id)).toContain('after_last_working_day');
  });

  it('weighs a day’s sequence by its largest exfiltration, not its last', () => {
    const big = [copyOf(1, 500, 9), uploadOf(1, 500, 10)];
    const withSmallAfter = [...big, { ...uploadOf(1, 6, 12) }];
    const sequence = (events: Event[]) => score(events).factors.find((f) => f.id === 'collection_then_exfiltration')!.points;
    expect(score(withSmallAfter).score).toBeGreaterThanOrEqual(score(big).score);
    expect(sequence(withSmallAfter)).toBeGreaterThan(0);
  });

  it('notices a coverage gap: a week of silence between heartbeats', () => {
    const beat = (daysAgo: number): Event => ({ ...base(daysAgo), type: 'agent.heartbeat', origin: 'chrome-extension://x', extensionVersion: '0.1.0', queueDepth: 0 });
    const result = score([beat(20), beat(19), beat(8), beat(7)]);
    expect(result.factors.find((f) => f.id === 'coverage_gap')!.summary).toMatch(/silent 1 time for \d+ working days/);
  });

  it('counts after-hours actions in the employee’s local time', () => {
    const late = { ...copyOf(1, 10), occurredAt: '2026-11-01T23:30:00+03:00' };
    const office = { ...copyOf(1, 10), occurredAt: '2026-11-01T10:30:00+03:00' };
    expect(dailyFromEvents([late])[0]!.values.after_hours).toBe(1);
    expect(dailyFromEvents([office])[0]!.values.after_hours).toBeUndefined();
  });
});

describe('levelFor', () => {
  it.each([[0, 'low'], [29.9, 'low'], [30, 'medium'], [59.9, 'medium'], [60, 'high'], [79.9, 'high'], [80, 'critical'], [100, 'critical']] as const)('%d is %s', (s, level) => {
    expect(levelFor(s)).toBe(level);
  });
});

describe('once is carelessness, again is a habit', () => {
  const pasteOf = (daysAgo: number, contacts: number): Event => ({ ...base(daysAgo, 11), type: 'webmail.paste', origin: 'https://mail.google.com', destination: 'gmail', emailCount: contacts, phoneCount: 0, rowCount: contacts, charCount: contacts * 40, fingerprints: ['fp'], fingerprintLevel: 0 });
  /** A copy-out of `contacts` CRM contacts and, an hour later, the same pasted into personal mail (lineage: all matched). */
  const copyThenPaste = (daysAgo: number, contacts: number) => {
    const copy = copyOf(daysAgo, contacts, 10);
    const paste = pasteOf(daysAgo, contacts);
    const match: LineageMatch = { matched: contacts, total: contacts, share: 1, sourceEventIds: [copy.id] };
    return { events: [copy, paste], lineage: [paste.id, match] as [string, LineageMatch] };
  };
  const scoreOf = (...acts: ReturnType<typeof copyThenPaste>[]) =>
    score(acts.flatMap((a) => a.events), { lineage: new Map(acts.map((a) => a.lineage)) });

  it('keeps one day of a few dozen CRM contacts pasted out below high, and names it', () => {
    const once = scoreOf(copyThenPaste(1, 30));
    expect(once.level).toBe('medium');
    expect(once.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['lineage_match', 'collection_then_exfiltration']));
  });

  it('weighs a second day in full, and a list of a size that is never an accident from the first day', () => {
    expect(['high', 'critical']).toContain(scoreOf(copyThenPaste(3, 30), copyThenPaste(1, 30)).level);
    expect(['high', 'critical']).toContain(scoreOf(copyThenPaste(1, 80)).level);
  });

  it('adds up a day\'s pieces: two pastes of 25 are 50 contacts, not two handfuls', () => {
    const acts = [copyThenPaste(1, 25), copyThenPaste(1, 25)];
    const input = { employee, now: NOW, daily: dailyFromEvents(acts.flatMap((a) => a.events)), notable: acts.flatMap((a) => a.events), lineage: new Map(acts.map((a) => a.lineage)), hrSignals: [], sequenceWindowHours: 24 };
    const below = scoreEmployee(input, modelWith({ loneExfiltrationContacts: 55 })).score;
    const atOrAbove = scoreEmployee(input, modelWith({ loneExfiltrationContacts: 50 })).score;
    expect(atOrAbove).toBeGreaterThan(below);
  });

  it('weighs in full after a notice and when the person sent contacts out weeks before; an act across midnight is one act', () => {
    /** Whether the rule discounted anything: the score with the discount below the score without it. */
    const discounted = (acts: ReturnType<typeof copyThenPaste>[], extra: Partial<ScoreInput> = {}) => {
      const events = acts.flatMap((a) => a.events);
      const input = { employee, now: NOW, daily: dailyFromEvents(events), notable: events.filter(isNotable), lineage: new Map(acts.map((a) => a.lineage)), hrSignals: [], sequenceWindowHours: 24, ...extra };
      return scoreEmployee(input).score < scoreEmployee(input, modelWith({ loneExfiltrationShare: 1 })).score;
    };
    expect(discounted([copyThenPaste(1, 30)])).toBe(true);
    expect(discounted([copyThenPaste(1, 30)], { hrSignals: [{ kind: 'resignation_notice', effectiveDate: '2026-10-20' }] })).toBe(false);
    // The same 30 contacts five weeks earlier as well: outside the 30-day window, but the second time all the same.
    expect(discounted([copyThenPaste(36, 30), copyThenPaste(1, 30)])).toBe(false);
    // 20 at 23:00 and 20 at 00:00 the next day: one act of 40 contacts, not two days of sending.
    const [late, early] = [copyThenPaste(2, 20), copyThenPaste(1, 20)];
    late.events.forEach((e) => (e.occurredAt = at(2, 23)));
    early.events.forEach((e) => (e.occurredAt = at(1, 0)));
    expect(discounted([late, early])).toBe(true);
    expect(discounted([copyThenPaste(3, 20), copyThenPaste(1, 20)])).toBe(false);
  });

  it('reads a change window stored with a datetime as its day', () => {
    const act = copyThenPaste(1, 30);
    const windows = [{ from: '2026-09-01T00:00:00.000Z', to: '2026-09-07T00:00:00.000Z', reason: 'migration' }];
    expect(score(act.events, { lineage: new Map([act.lineage]), changeWindows: windows }).level).toBe('medium');
  });
});

