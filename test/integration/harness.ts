import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppOptions } from '../../server/app';
import { bootstrap } from '../../server/auth/bootstrap';
import type { Store } from '../../server/store/store';
import { openTestStore, type TestStore } from './test-stores';

export const ADMIN = 'adm_integration-admin';
export const ENROLL = 'enr_integration-enroll';

/** The real app over a fresh SQLite file (or PostgreSQL schema, see `openTestStore`), with a clock the test controls. */
export async function testApp(start = new Date('2026-11-02T10:00:00Z'), options: { employeeDomains?: string[]; openStore?: (dir: string) => Promise<TestStore>; enrollRateLimits?: AppOptions['enrollRateLimits']; coalesceMs?: number; identity?: AppOptions['identity'] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-it-'));
  const testStore = await (options.openStore ?? openTestStore)(dir);
  const store: Store = testStore.store;
  const { secrets } = await bootstrap(store, { port: 0, host: '127.0.0.1', sqliteFile: path.join(dir, 'crm-guard.db'), dataDir: dir, adminToken: ADMIN, enrollmentToken: ENROLL });
  let now = start;
  const app = createApp({ store, secrets, now: () => now, auditCheckpointFile: path.join(dir, 'audit-checkpoints.jsonl'), employeeDomains: options.employeeDomains, enrollRateLimits: options.enrollRateLimits, coalesceMs: options.coalesceMs, identity: options.identity });
  const request = (route: string, init: { method?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) =>
    app.request(route, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
      headers: {
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  return {
    app,
    /** The data directory: the SQLite file, admin-token, admin-password. */
    dir,
    store,
    secrets,
    request,
    setNow(date: Date) { now = date; },
    async enroll(employeeEmail: string) {
      const response = await request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail, device: { name: 'test' } } });
      if (response.status !== 201) throw new Error(`enroll failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { deviceToken: string }).deviceToken;
    },
    /** Waits for ingest's deferred rescores, so scores read next include every batch sent. */
    settle: () => app.services.ingestScoring.settle(),
    async close() {
      await app.services.ingestScoring.settle();
      await app.services.auditCheckpoints.settled();
      await testStore.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/**
 * A fresh app for each test of the calling `describe`, with `employee`'s browser enrolled; `post` sends
 * a batch as that browser and waits for its rescore, as a reader seconds later would.
 */
export function appWithEmployee(employee: string, now: Date) {
  const context = {} as { t: TestApp; token: string; post(events: unknown[]): Promise<Response> };
  beforeEach(async () => {
    context.t = await testApp(now);
    context.token = await context.t.enroll(employee);
    context.post = async (events) => {
      const response = await context.t.request('/v1/events', { token: context.token, json: { events } });
      await context.t.settle();
      return response;
    };
  });
  afterEach(async () => { await context.t.close(); });
  return context;
}

/** Realistic events; `at` defaults to the app's start time. */
export const make = {
  export: (employee: string, at: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(), type: 'crm.export', occurredAt: at, employee, origin: 'https://acme.lightning.force.com',
    crm: 'salesforce', route: 'download', fileName: 'contacts.csv', format: 'csv', sizeBytes: 2048, rows: 120, columns: 5, emailCount: 120, ...extra,
  }),
  copy: (employee: string, at: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(), type: 'crm.copy', occurredAt: at, employee, origin: 'https://acme.lightning.force.com',
    crm: 'salesforce', action: 'copy', emailCount: 12, phoneCount: 12, rowCount: 13, charCount: 900, ...extra,
  }),
  upload: (employee: string, at: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(), type: 'webmail.upload', occurredAt: at, employee, origin: 'https://mail.google.com',
    destination: 'gmail', channel: 'file_input', fileName: 'contacts.csv', sizeBytes: 2048, mimeType: 'text/csv', emailCount: 12, ...extra,
  }),
};

/** n distinct fake fingerprints (16 hex digits). */
export function fingerprints(n: number, offset = 0): string[] {
  return Array.from({ length: n }, (_, i) => (i + offset).toString(16).padStart(16, '0'));
}
