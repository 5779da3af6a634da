import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { EventQueue, type PendingEvent } from './queue';
import { toSentEntry } from './sent-log';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 10);

const upload = (id: string, occurredAt: string): PendingEvent => ({
  id, type: 'webmail.upload', occurredAt, origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input',
  fileName: 'clients.csv', sizeBytes: 4096, mimeType: 'text/csv', emailCount: 40, justification: 'my own notes, typed by me',
  fingerprints: ['00000000000000aa'], fingerprintLevel: 0,
});
const copy = (id: string, occurredAt: string): PendingEvent => ({
  id, type: 'crm.copy', occurredAt, origin: 'https://acme.lightning.force.com', crm: 'salesforce', action: 'cut',
  emailCount: 12, phoneCount: 3, rowCount: 13, charCount: 900, fingerprints: ['00000000000000bb'], fingerprintLevel: 0,
});
const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the sent log', () => {
  it('keeps the kind, time, site, names and counts, never fingerprints or a typed justification', () => {
    const entry = toSentEntry(upload(uid(1), '2026-11-02T11:00:00+01:00'), T0);
    expect(entry).toEqual({ id: uid(1), type: 'webmail.upload', occurredAt: '2026-11-02T11:00:00+01:00', sentAt: T0, site: 'mail.google.com', fileName: 'clients.csv', sizeBytes: 4096, emails: 40 });
    expect(JSON.stringify(entry)).not.toMatch(/justification|typed by me|fingerprint|00000000000000aa/);
    expect(toSentEntry(copy(uid(2), '2026-11-02T10:00:00Z'), T0)).toMatchObject({ action: 'cut', emails: 12, phones: 3, rows: 13, site: 'acme.lightning.force.com' });
  });

  it('logs what the server acknowledged, newest first, and forgets it after 30 days', async () => {
    const queue = new EventQueue(`test-${crypto.randomUUID()}`);
    await queue.enqueue(copy(uid(1), '2026-11-02T09:00:00Z'));
    await queue.enqueue(upload(uid(2), '2026-11-02T10:30:00+01:00'));
    await queue.enqueue(copy(uid(3), '2026-11-02T09:45:00Z'));
    await queue.acknowledge([uid(1), uid(2)], T0);
    // Only acknowledged events are in the log; the third still waits in the queue.
    // 10:30+01:00 is 09:30 UTC: after the 09:00 UTC copy, whatever the strings say.
    expect((await queue.recentlySent(T0)).map((e) => e.id)).toEqual([uid(2), uid(1)]);
    expect(await queue.depth()).toBe(1);

    await queue.acknowledge([uid(3)], T0 + 20 * DAY);
    expect((await queue.recentlySent(T0 + 20 * DAY)).map((e) => e.id)).toEqual([uid(3), uid(2), uid(1)]);
    // 30 days after the first two were sent they are no longer shown, and the next acknowledgement deletes them.
    expect((await queue.recentlySent(T0 + 30 * DAY + 1)).map((e) => e.id)).toEqual([uid(3)]);
    await queue.acknowledge([], T0 + 30 * DAY + 1);
    expect(await queue.sent.count()).toBe(1);
    queue.close();
  });

  it('upgrades a version 1 database: queued events survive, the log starts empty', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ events: 'id, queuedAt' });
    await v1.table('events').put({ id: uid(7), event: copy(uid(7), '2026-11-01T09:00:00Z'), queuedAt: T0 - DAY });
    v1.close();

    const queue = new EventQueue(name);
    expect(await queue.depth()).toBe(1);
    const upgraded = await new Dexie(name).open();
    expect([upgraded.verno, upgraded.tables.map((t) => t.name).sort()]).toEqual([2, ['events', 'sent']]);
    upgraded.close();
    expect(await queue.sent.count()).toBe(0);
    await queue.acknowledge([uid(7)], T0);
    expect((await queue.recentlySent(T0)).map((e) => [e.id, e.type, e.rows])).toEqual([[uid(7), 'crm.copy', 13]]);
    queue.close();
  });
});
