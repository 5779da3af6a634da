import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import type { Alert } from '../store/store';
import { cefMessage, escapeCefHeader, escapeCefValue, syslogLine } from './cef';
import { frame } from './syslog';

const alert: Alert = {
  id: 'a1', employee: 'ann@acme.test', pattern: 'crm_contacts_exfiltrated', severity: 'critical', status: 'open',
  title: 'Sent a|b\\c=d\nnext', eventIds: ['e1', 'e2'], triggerIds: ['e2'], details: {}, assignee: null, reason: null,
  createdAt: '2026-11-02T10:00:00.000Z', updatedAt: '2026-11-02T10:05:00.000Z',
  patterns: [{ pattern: 'crm_contacts_exfiltrated', severity: 'critical', title: 'Sent a|b\\c=d\nnext' }], score: 91, triagedAt: null,
};

describe('CEF', () => {
  it('escapes pipes and backslashes in the header, and never lets a line break through', () => {
    expect(escapeCefHeader('a|b\\c=d')).toBe('a\\|b\\\\c=d');
    expect(escapeCefHeader('one\r\ntwo')).toBe('one two');
  });

  it('escapes backslashes and equals signs in extension values, and line breaks as \\n and \\r', () => {
    expect(escapeCefValue('a|b\\c=d')).toBe('a|b\\\\c\\=d');
    expect(escapeCefValue('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\rfour');
  });

  it('builds the seven header fields and key=value extensions', () => {
    const message = cefMessage({ activity: 'create', alert, uploads: [] });
    expect(message.startsWith('CEF:0|crm-guard|crm-guard|0.1.0|crm_contacts_exfiltrated|Sent a\\|b\\\\c=d next|10|')).toBe(true);
    expect(message).toContain('msg=Sent a|b\\\\c\\=d\\nnext');
    expect(message).toContain('suser=ann@acme.test');
    expect(message).toContain(`rt=${Date.parse(alert.updatedAt)}`);
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('names at most 10 uploads, so a message stays a few hundred bytes', () => {
    const uploads = Array.from({ length: 25 }, (_, i) => ({ deviceId: 'd', event: { id: `u${i}`, type: 'webmail.upload', occurredAt: alert.updatedAt, employee: alert.employee, origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input', fileName: `file-${i}.csv`, sizeBytes: 1, mimeType: 'text/csv', fingerprints: [], fingerprintLevel: 0 } satisfies Event }));
    const message = cefMessage({ activity: 'update', alert, uploads });
    expect(message).toContain('cs2=file-0.csv, file-1.csv, file-2.csv, file-3.csv, file-4.csv, file-5.csv, file-6.csv, file-7.csv, file-8.csv, file-9.csv and 15 more');
    expect(Buffer.byteLength(message)).toBeLessThan(1024);
  });

  it('frames RFC 5424 with octet counting and RFC 3164 with a line feed', () => {
    const at = new Date('2026-11-02T09:05:03.000Z');
    const rfc5424 = syslogLine({ activity: 'create', alert, uploads: [] }, 'rfc5424', at, 'guard-1');
    // Facility 4 (auth) × 8 + severity 2 (critical).
    expect(rfc5424).toMatch(/^<34>1 2026-11-02T09:05:03.000Z guard-1 crm-guard \d+ alert - CEF:0\|/);
    expect(frame(rfc5424, 'rfc5424').toString()).toBe(`${Buffer.byteLength(rfc5424)} ${rfc5424}`);
    const rfc3164 = syslogLine({ activity: 'create', alert: { ...alert, severity: 'medium' }, uploads: [] }, 'rfc3164', at, 'guard-1');
    expect(rfc3164).toMatch(/^<36>Nov  2 09:05:03 guard-1 crm-guard: CEF:0\|/);
    expect(frame(rfc3164, 'rfc3164').toString()).toBe(`${rfc3164}\n`);
  });
});
