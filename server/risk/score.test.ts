import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { levelFor } from '../../shared/risk';
import { scoreEmployee, type ScoreInput } from './score';
import type { LineageMatch } from './lineage';

const NOW = new Date('2026-11-02T12:00:00Z');
const employee = 'e@acme.example';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const exportEvent = (h: number, rows = 100): Event => ({ id: id(), type: 'crm.export', occurredAt: hoursAgo(h), employee, origin: 'https://x.force.com', crm: 'salesforce', route: 'download', fileName: 'c.csv', format: 'csv', rows, fingerprints: [], fingerprintLevel: 0 });
const copyEvent = (h: number, contacts = 20): Event => ({ id: id(), type: 'crm.copy', occurredAt: hoursAgo(h), employee, origin: 'https://x.force.com', crm: 'salesforce', action: 'copy', emailCount: contacts, phoneCount: 0, rowCount: contacts, charCount: 100, fingerprints: [], fingerprintLevel: 0 });
const uploadEvent = (h: number, emailCount = 0): Event => ({ id: id(), type: 'webmail.upload', occurredAt: hoursAgo(h), employee, origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input', fileName: 'c.csv', sizeBytes: 10, mimeType: 'text/csv', emailCount, fingerprints: [], fingerprintLevel: 0 });

const score = (events: Event[], extra: Partial<ScoreInput> = {}) =>
  scoreEmployee({ employee, now: NOW, events, lineage: new Map(), hrSignals: [], sequenceWindowHours: 24, ...extra });

describe('scoreEmployee', () => {
  it('is zero and low with no activity', () => {
    expect(score([])).toMatchObject({ score: 0, level: 'low', factors: [] });
  });

  it('keeps a single routine export low', () => {
    expect(score([exportEvent(2, 50)]).level).toBe('low');
  });

  it('grows with volume: more rows exported score higher', () => {
    expect(score([exportEvent(2, 5000)]).score).toBeGreaterThan(score([exportEvent(2, 50)]).score);
  });

  it('decays with a 7-day half-life and forgets after 30 days', () => {
    const fresh = score([exportEvent(1)]).factors[0]!;
    const weekOld = score([exportEvent(24 * 7 + 1)]);
    expect(weekOld.score).toBeLessThan(score([exportEvent(1)]).score);
    expect(score([exportEvent(24 * 31)]).score).toBe(0);
    expect(fresh.id).toBe('crm_export');
  });

  it('adds a sequence factor when an upload follows a copy within the window, not outside it', () => {
    const inside = score([copyEvent(5), uploadEvent(4)]);
    expect(inside.factors.map((f) => f.id)).toContain('collection_then_exfiltration');
    const outside = score([copyEvent(30), uploadEvent(4)]);
    expect(outside.factors.map((f) => f.id)).not.toContain('collection_then_exfiltration');
    expect(inside.score).toBeGreaterThan(outside.score);
  });

  it('puts a lineage-matched exfiltration at least high', () => {
    const copy = copyEvent(5, 40);
    const upload = uploadEvent(4, 40);
    const lineage = new Map<string, LineageMatch>([[upload.id, { matched: 40, total: 40, share: 1, sourceEventIds: [copy.id] }]]);
    const result = score([copy, upload], { lineage });
    expect(['high', 'critical']).toContain(result.level);
    const factor = result.factors.find((f) => f.id === 'lineage_match')!;
    expect(factor.eventIds).toEqual(expect.arrayContaining([upload.id, copy.id]));
    expect(factor.summary).toContain('40 contacts');
  });

  it('explains itself: factor points add up to the score, largest first, each with a sentence', () => {
    const result = score([exportEvent(3, 1200), copyEvent(2), uploadEvent(1, 12)]);
    expect(result.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(result.score, 0);
    const points = result.factors.map((f) => f.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(result.factors.find((f) => f.id === 'crm_export')!.summary).toBe('Exported 1 file from the CRM (1,200 rows) in the last 30 days.');
  });

  it('boosts activity inside the departure window and flags activity after the last day', () => {
    const events = [exportEvent(48), copyEvent(47)];
    const base = score(events);
    const noticed = score(events, { hrSignals: [{ kind: 'resignation_notice', effectiveDate: '2026-11-01' }] });
    expect(noticed.score).toBeGreaterThan(base.score);
    expect(noticed.factors.at(-1)).toMatchObject({ id: 'departure_window', points: 0 });
    // Any action after the last working day is critical by itself, even a print.
    const print: Event = { id: id(), type: 'crm.print', occurredAt: hoursAgo(1), employee, origin: 'https://x.force.com', crm: 'salesforce' };
    const gone = score([print], { hrSignals: [{ kind: 'last_working_day', effectiveDate: '2026-10-30' }] });
    expect(gone.factors.map((f) => f.id)).toContain('after_last_working_day');
    expect(gone.level).toBe('critical');
    const stillHere = score([print], { hrSignals: [{ kind: 'last_working_day', effectiveDate: '2026-11-30' }] });
    expect(stillHere.level).toBe('low');
  });

  it('ignores heartbeats', () => {
    const heartbeat: Event = { id: id(), type: 'agent.heartbeat', occurredAt: hoursAgo(1), employee, origin: 'chrome-extension://x', extensionVersion: '0.1.0', queueDepth: 0 };
    expect(score([heartbeat]).score).toBe(0);
  });
});

describe('levelFor', () => {
  it.each([[0, 'low'], [29.9, 'low'], [30, 'medium'], [59.9, 'medium'], [60, 'high'], [79.9, 'high'], [80, 'critical'], [100, 'critical']] as const)('%d is %s', (s, level) => {
    expect(levelFor(s)).toBe(level);
  });
});
