import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit';
import type { Store } from '../../server/store/store';
import { openPostgresTestStore, openSqliteTestStore, postgresUnavailable, type TestStore } from './test-stores';

// The console's part of the Store (accounts, tokens, sign-in failures, the audit chain) on both backends.
const pgUnavailable = await postgresUnavailable();

describe('Console store on SQLite', () => consoleContract(() => openSqliteTestStore()));
describe.skipIf(pgUnavailable !== undefined)('Console store on PostgreSQL', () => consoleContract(() => openPostgresTestStore()));

const at = (minutes: number) => new Date(Date.parse('2026-11-02T10:00:00.000Z') + minutes * 60_000).toISOString();

function consoleContract(open: () => Promise<TestStore>) {
  let opened: TestStore;
  let store: Store;
  beforeEach(async () => { opened = await open(); store = opened.store; });
  afterEach(async () => { await opened.destroy(); });

  it('creates accounts once per username, disables them and ends their sessions', async () => {
    const user = { id: randomUUID(), username: 'ann', role: 'auditor' as const, passwordHash: 'scrypt$x', createdAt: at(0), createdBy: 'test' };
    expect(await store.createUser(user)).toBe(true);
    expect(await store.createUser({ ...user, id: randomUUID() })).toBe(false);
    await store.createSession('sid', 'auditor', 'user:ann', at(60), user.id);
    expect(await store.sessionByIdHash('sid', at(1))).toEqual({ role: 'auditor', subject: 'user:ann' });
    expect(await store.setUserDisabled(user.id, at(2))).toMatchObject({ disabledAt: at(2) });
    expect(await store.sessionByIdHash('sid', at(3))).toBeUndefined();
    expect(await store.setUserDisabled(randomUUID(), at(2))).toBeUndefined();
    expect((await store.userByName('ann'))?.passwordHash).toBe('scrypt$x');
    await store.createSession('old', 'auditor', 'token:x', at(10));
    await store.deleteExpiredSessions(at(10));
    expect(await store.sessionByIdHash('old', at(9))).toBeUndefined();
  });

  it('revokes a token by the start of its hash; a revoked token has no role and stays revoked', async () => {
    const hash = 'ab'.repeat(32);
    await store.addApiToken(hash, 'security', 'siem', 'user:root');
    expect(await store.listApiTokens()).toEqual([expect.objectContaining({ id: hash.slice(0, 12), role: 'security', label: 'siem', createdBy: 'user:root', revokedAt: null })]);
    expect(await store.revokeApiToken(hash.slice(0, 12), at(1))).toBe(true);
    expect(await store.revokeApiToken(hash.slice(0, 12), at(2))).toBe(false);
    await store.addApiToken(hash, 'security', 'again');
    expect(await store.roleForApiToken(hash)).toBeUndefined();
    expect(await store.revokeApiToken('%', at(1))).toBe(false);
  });

  it('counts sign-in failures per key within a window and forgets them on success', async () => {
    await store.recordLoginFailure(['user:ann', 'ip:1'], at(0));
    await store.recordLoginFailure(['user:ann'], at(5));
    expect(await store.countLoginFailures('user:ann', at(-1))).toBe(2);
    expect(await store.countLoginFailures('user:ann', at(1))).toBe(1);
    await store.clearLoginFailures('user:ann', at(-60));
    expect(await store.countLoginFailures('user:ann', at(-1))).toBe(0);
    expect(await store.countLoginFailures('ip:1', at(-1))).toBe(1);
  });

  it('chains audit records written at the same time into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.appendAudit({ at: at(i), actor: `user:u${i}`, action: 'employee.view', target: 'Employee X', details: { i, nested: { b: 1, a: [2, 'x'] } } }, 'audit-key-of-this-test-0123456789abcdef')));
    expect(await verifyAuditChain(store, 'audit-key-of-this-test-0123456789abcdef')).toMatchObject({ ok: true, records: 25 });
    const newest = await store.listAudit({ limit: 10 });
    expect(newest.map((r) => r.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect((await store.listAudit({ limit: 5, beforeSeq: 3 })).map((r) => r.seq)).toEqual([2, 1]);
  });
}
