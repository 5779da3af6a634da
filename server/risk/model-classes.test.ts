import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { dailyFromEvents, isNotable } from './aggregate';
import { peerContext } from './peers';
import { scoreEmployee, type ScoreInput } from './score';

/** The classes of leak a per-day model had no answer for (issue 17), each against its innocent twin. */
const NOW = new Date('2026-11-02T18:00:00Z');
const employee = 'e@acme.example';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const at = (daysAgo: number, hour = 10) => new Date(Date.UTC(2026, 10, 2 - daysAgo, hour)).toISOString();
const exportOf = (daysAgo: number, rows: number, hour = 10): Event => ({
  id: id(), occurredAt: at(daysAgo, hour), employee, origin: 'https://x.force.com',
  type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'c.csv', format: 'csv', rows, fingerprints: [], fingerprintLevel: 0,
});
const history = (from: number, to: number, perDay: (daysAgo: number) => Event[]) => Array.from({ length: from - to + 1 }, (_, i) => perDay(from - i)).flat();

function score(events: Event[], extra: Partial<ScoreInput> = {}) {
  return scoreEmployee({ employee, now: NOW, daily: dailyFromEvents(events), notable: events.filter(isNotable), lineage: new Map(), hrSignals: [], sequenceWindowHours: 24, ...extra });
}

// A rep who exports a 100-row list on one day in five; their peers do the same.
const usual = history(120, 29, (d) => (d % 5 === 0 ? [exportOf(d, 100)] : []));
const peers = peerContext('sales', Array.from({ length: 20 }, () => dailyFromEvents(usual)), NOW);

describe('the model closes the classes a per-day view misses', () => {
  it('adds up many small exports a day, each under every floor, into a cumulative collection factor', () => {
    const small = history(28, 1, (d) => [exportOf(d, 45, 9), exportOf(d, 45, 11), exportOf(d, 45, 14), exportOf(d, 45, 16)]);
    const result = score([...usual, ...small], { peers });
    expect(result.factors.map((f) => f.id)).toContain('cumulative_collection');
    expect(result.factors.find((f) => f.id === 'export_rows')?.points ?? 0).toBe(0);
    // The same person's ordinary month earns nothing.
    expect(score([...usual, ...history(28, 1, (d) => (d % 5 === 0 ? [exportOf(d, 100)] : []))], { peers }).score).toBe(0);
  });

  it('keeps a leak from becoming the baseline: its last days still score', () => {
    // 25 days of 3,000-row exports outnumber the person's 18 usual active days: a trailing baseline that took
    // them in would call 3,000 rows usual by the third week and the last days would earn nothing.
    const leak = history(25, 1, (d) => [exportOf(d, 3000)]);
    const result = score([...usual, ...leak], { peers });
    const scored = result.factors.find((f) => f.id === 'export_rows')!.eventIds;
    expect(scored).toContain(leak.at(-1)!.id);
    expect(scored).toHaveLength(leak.length);
  });

  it('weighs twice one’s usual for weeks more inside a departure window', () => {
    const doubled = history(28, 1, (d) => (d % 5 === 0 ? [exportOf(d, 100)] : d % 5 === 2 ? [exportOf(d, 100)] : []));
    const staying = score([...usual, ...doubled], { peers });
    const leaving = score([...usual, ...doubled], { peers, hrSignals: [{ kind: 'resignation_notice', effectiveDate: '2026-11-01' }] });
    expect(leaving.score).toBeGreaterThan(staying.score);
  });

  it('weighs a handover export after the notice as any day’s, and the same export before it as the run-up', () => {
    // Half a year of routine: a notice's look-back reaches 90 days back and its baseline 90 days before that.
    const routine = history(200, 29, (d) => (d % 5 === 0 ? [exportOf(d, 100)] : []));
    const book = [exportOf(2, 1500)];
    const notice = (day: string) => ({ peers, hrSignals: [{ kind: 'resignation_notice' as const, effectiveDate: day }] });
    const handover = score([...routine, ...book], notice('2026-10-30'));
    const runUp = score([...routine, ...book], notice('2026-11-02'));
    const staying = score([...routine, ...book], { peers });
    expect(handover.score).toBeLessThan(runUp.score);
    expect(handover.score).toBeLessThanOrEqual(staying.score);
  });

  it('sets a declared change window aside: visible and explained, no departure risk', () => {
    const migration = history(5, 3, (d) => [exportOf(d, 40_000)]);
    const undeclared = score([...usual, ...migration], { peers });
    expect(undeclared.level).not.toBe('low');
    const declared = score([...usual, ...migration], { peers, changeWindows: [{ from: at(5).slice(0, 10), to: at(3).slice(0, 10), reason: 'CRM migration' }] });
    expect(declared.score).toBe(0);
    expect(declared.factors).toEqual([expect.objectContaining({ id: 'change_window', points: 0, eventIds: migration.map((e) => e.id) })]);
  });
});
