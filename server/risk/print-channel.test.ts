import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { dailyFromEvents, isNotable } from './aggregate';
import { sumCeiling } from './cumulative-collection';
import { isPdfUpload, printedPdfUploads } from './print-channel';
import { scoreEmployee } from './score';

const NOW = new Date('2026-11-02T18:00:00Z');
const employee = 'e@acme.example';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const at = (daysAgo: number, hour: number) => new Date(Date.UTC(2026, 10, 2 - daysAgo, hour)).toISOString();
const print = (daysAgo: number, hour = 10): Event => ({ id: id(), occurredAt: at(daysAgo, hour), employee, origin: 'https://x.force.com', type: 'crm.print', crm: 'salesforce' });
const upload = (daysAgo: number, hour: number, file: { fileName: string; mimeType: string; emailCount?: number }): Event => ({
  id: id(), occurredAt: at(daysAgo, hour), employee, origin: 'https://drive.google.com', type: 'webmail.upload', destination: 'gdrive', channel: 'file_input',
  sizeBytes: 200_000, fingerprints: [], fingerprintLevel: 0, ...file,
});
const pdf = (daysAgo: number, hour = 11) => upload(daysAgo, hour, { fileName: 'account.pdf', mimeType: 'application/pdf' });

function score(events: Event[], hrSignals: { kind: 'resignation_notice' | 'termination'; effectiveDate: string }[] = []) {
  return scoreEmployee({ employee, now: NOW, daily: dailyFromEvents(events), notable: events.filter(isNotable), lineage: new Map(), hrSignals, sequenceWindowHours: 24 });
}

describe('printing as a channel of its own', () => {
  it('links a PDF uploaded to a personal destination to the CRM print shortly before it', () => {
    const [p, u] = [print(1), pdf(1)];
    expect(isPdfUpload(u)).toBe(true);
    expect([...printedPdfUploads([p, u], 24)]).toEqual([[u.id, 1]]);
    const result = score([p, u]);
    expect(result.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['printed_pdf_upload', 'collection_then_exfiltration']));
    expect(result.factors.find((f) => f.id === 'printed_pdf_upload')?.eventIds).toEqual([u.id]);
  });

  it('leaves alone a PDF with no print before it, a print the next week, a CSV, and a PDF whose contacts were read', () => {
    const alone = pdf(3);
    const late = [print(10), pdf(2)];
    const csv = [print(1), upload(1, 11, { fileName: 'photo.png', mimeType: 'image/png' })];
    const readable = [print(1), upload(1, 11, { fileName: 'list.pdf', mimeType: 'application/pdf', emailCount: 3 })];
    for (const events of [[alone], late, csv, readable]) {
      expect(printedPdfUploads(events, 24).size).toBe(0);
      expect(score(events).factors.map((f) => f.id)).not.toContain('printed_pdf_upload');
    }
  });

  it('counts a print burst as the collection for its own prints, and a single routine print as nothing', () => {
    const burst = Array.from({ length: 16 }, (_, i) => print(1, 9 + (i % 8)));
    expect(score(burst).factors.map((f) => f.id)).toContain('collection_then_exfiltration');
    expect(score([print(1)]).score).toBe(0);
  });
});

describe('the ceiling of a sum of days', () => {
  it('grows with √n, not n, above the mean: a month varies less than its days', () => {
    // Every other day 100: mean 50, standard deviation 50.
    const days = Array.from({ length: 30 }, (_, i) => (i % 2 ? 100 : 0)).filter((v) => v > 0);
    expect(sumCeiling(days, 30, 30)).toBeCloseTo(50 * 30 + 3 * 50 * Math.sqrt(30), 6);
    expect(sumCeiling(days, 30, 1)).toBeCloseTo(50 + 3 * 50, 6);
    // A constant routine has no spread: its ceiling is exactly its total.
    expect(sumCeiling(Array(20).fill(10), 20, 30)).toBeCloseTo(300, 6);
  });

  it('after a notice takes a print burst alone for the handover\'s paperwork, and still links a PDF uploaded after it', () => {
    const notice = [{ kind: 'resignation_notice' as const, effectiveDate: at(5, 0).slice(0, 10) }];
    const burst = Array.from({ length: 16 }, (_, i) => print(1, 9 + (i % 8)));
    const before = score(burst, [{ kind: 'resignation_notice', effectiveDate: '2026-11-02' }]);
    const handover = score(burst, notice);
    expect(handover.factors.map((f) => f.id)).not.toContain('collection_then_exfiltration');
    expect(handover.factors.map((f) => f.id)).toContain('prints');
    expect(handover.score).toBeLessThan(before.score);
    expect(score([...burst, pdf(1, 18)], notice).factors.map((f) => f.id)).toEqual(expect.arrayContaining(['printed_pdf_upload', 'collection_then_exfiltration']));
    // A termination asks for no handover: the same burst after one is still a sequence.
    expect(score(burst, [{ kind: 'termination', effectiveDate: notice[0]!.effectiveDate }]).factors.map((f) => f.id)).toContain('collection_then_exfiltration');
  });
});
