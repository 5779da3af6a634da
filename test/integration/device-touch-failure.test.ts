import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Event } from '../../shared/events';
import { make } from './harness';
import { openSqliteTestStore, type TestStore } from './test-stores';

// The device update after a batch's events commit is best effort (server/store/event-writer.ts): when the
// database refuses it, the events stay stored and answered as stored, and the device's next batch writes it.
let dir: string;
let opened: TestStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-touch-'));
  opened = await openSqliteTestStore(dir);
});
afterEach(async () => {
  await opened.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps a batch stored when its device update fails, and writes the update with the next batch', async () => {
  const { store } = opened;
  await store.createDevice({ id: 'dev-1', employee: 'ann@acme.example', name: 'laptop', extensionVersion: '1.0.0', enrolledAt: '2026-11-02T08:00:00.000Z', lastSeenAt: null }, 'hash-1', null);
  // A second connection to the same file makes the database itself refuse every device update.
  const side = new SQLite(path.join(dir, 'crm-guard.db'));
  side.exec("create trigger refuse_device_updates before update on devices begin select raise(abort, 'devices are read-only'); end");
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const first = await store.insertEvents('dev-1', [make.export('ann@acme.example', '2026-11-02T09:00:00Z') as Event], '2026-11-02T09:00:01.000Z', { lastSeenAt: '2026-11-02T09:00:01.000Z', coverage: { extensionVersion: '1.1.0' } });
    expect(first.inserted).toHaveLength(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/updating 1 device\(s\) after their events were stored failed/), expect.objectContaining({ message: expect.stringMatching(/read-only/) }));
  } finally {
    errors.mockRestore();
  }
  expect(await store.countEvents()).toBe(1);
  expect((await store.listDevices())[0]).toMatchObject({ lastSeenAt: null, extensionVersion: '1.0.0' });

  side.exec('drop trigger refuse_device_updates');
  side.close();
  await store.insertEvents('dev-1', [make.copy('ann@acme.example', '2026-11-02T09:05:00Z') as Event], '2026-11-02T09:05:01.000Z', { lastSeenAt: '2026-11-02T09:05:01.000Z', coverage: { extensionVersion: '1.1.0' } });
  expect(await store.countEvents()).toBe(2);
  expect((await store.listDevices())[0]).toMatchObject({ lastSeenAt: '2026-11-02T09:05:01.000Z', extensionVersion: '1.1.0' });
});
