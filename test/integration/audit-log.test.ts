import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditChain } from '../../server/audit/audit';
import { openSqliteStore } from '../../server/store/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';
import { createUser } from './console-session';

const KEY = 'audit-key-of-this-test-0123456789abcdef';

describe('audit log', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  it('chains every record to the one before and verifies the whole chain', async () => {
    await createUser(t, ADMIN, 'amy', 'auditor');
    await t.request('/v1/tokens', { token: ADMIN, json: { label: 'ci', role: 'hr' } });
    const records = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { seq: number; action: string; prevHash: string; hash: string }[];
    expect(records.map((r) => r.action)).toEqual(['token.create', 'user.create']);
    expect(records[0]!.prevHash).toBe(records[1]!.hash);
    expect(await (await t.request('/v1/audit/verify', { token: ADMIN })).json()).toMatchObject({ ok: true, records: 2 });
  });

  it('notices a record changed, removed or forged behind its back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-audit-'));
    const file = path.join(dir, 'audit.db');
    const store = await openSqliteStore(file);
    try {
      for (const target of ['a', 'b', 'c']) await store.appendAudit({ at: '2026-11-02T10:00:00.000Z', actor: 'user:amy', action: 'employee.view', target, details: { n: 1 } }, KEY);
      expect(await verifyAuditChain(store, KEY)).toMatchObject({ ok: true, records: 3 });
      const raw = new Database(file);
      raw.prepare("update audit_log set target = 'z' where seq = 2").run();
      expect(await verifyAuditChain(store, KEY)).toMatchObject({ ok: false, records: 1, broken: { seq: 2, reason: expect.stringContaining('changed') } });
      raw.prepare("update audit_log set target = 'b' where seq = 2").run();
      raw.prepare('delete from audit_log where seq = 2').run();
      expect(await verifyAuditChain(store, KEY)).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('missing') } });
      raw.close();
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is for auditors and admins only', async () => {
    await createUser(t, ADMIN, 'hana', 'hr');
    const token = ((await (await t.request('/v1/tokens', { token: ADMIN, json: { label: 'hr', role: 'hr' } })).json()) as { token: string }).token;
    expect((await t.request('/v1/audit', { token })).status).toBe(403);
    expect((await t.request('/v1/audit/verify', { token })).status).toBe(403);
  });
});
