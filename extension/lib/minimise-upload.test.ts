import { describe, expect, it } from 'vitest';
import type { PendingEvent } from './queue';
import { minimiseEvent, withheldName } from './minimise-upload';

const upload = (extra: Partial<Extract<PendingEvent, { type: 'webmail.upload' }>>) => ({
  id: '0b7d1c8e-3c2f-4a7e-9f61-2f1e0d6c5b4a', type: 'webmail.upload', occurredAt: '2026-11-02T09:00:00Z', origin: 'https://mail.google.com',
  destination: 'gmail', channel: 'file_input', fileName: 'x', sizeBytes: 1000, mimeType: 'application/pdf', fingerprints: [], fingerprintLevel: 0, ...extra,
}) as PendingEvent;

describe('minimiseEvent', () => {
  it('withholds the name of a personal upload without contacts: kind, extension and size stay', () => {
    const sent = minimiseEvent(upload({ fileName: 'anna-hiv-test-result-positive-2026.pdf', sizeBytes: 48_213 }), false);
    expect(sent).toMatchObject({ fileName: '*.pdf', mimeType: 'application/pdf', sizeBytes: 48_213 });
    expect(JSON.stringify(sent)).not.toContain('hiv');
  });

  it('keeps the name of an upload that carries contacts or is export-like', () => {
    expect(minimiseEvent(upload({ fileName: 'notes.pdf', emailCount: 3 }), false)).toMatchObject({ fileName: 'notes.pdf' });
    expect(minimiseEvent(upload({ fileName: 'q3.pdf', fingerprints: ['0123456789abcdef'] }), false)).toMatchObject({ fileName: 'q3.pdf' });
    expect(minimiseEvent(upload({ fileName: 'Accounts.XLSX', mimeType: 'application/octet-stream' }), false)).toMatchObject({ fileName: 'Accounts.XLSX' });
    expect(minimiseEvent(upload({ fileName: 'list', mimeType: 'text/csv' }), false)).toMatchObject({ fileName: 'list' });
  });

  it('keeps every name when the policy says so, and leaves other events alone', () => {
    expect(minimiseEvent(upload({ fileName: 'holiday.jpg', mimeType: 'image/jpeg' }), true)).toMatchObject({ fileName: 'holiday.jpg' });
    const copy = { id: '0b7d1c8e-3c2f-4a7e-9f61-2f1e0d6c5b4a', type: 'crm.copy', occurredAt: '2026-11-02T09:00:00Z', origin: 'https://x', crm: 'salesforce', action: 'copy', emailCount: 0, phoneCount: 0, rowCount: 0, charCount: 0, fingerprints: [], fingerprintLevel: 0 } as PendingEvent;
    expect(minimiseEvent(copy, false)).toBe(copy);
  });

  it('writes a name without an extension as a bare star', () => {
    expect(withheldName('README')).toBe('*');
    expect(withheldName('scan.JPEG')).toBe('*.jpeg');
  });
});
