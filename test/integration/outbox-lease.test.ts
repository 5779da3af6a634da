import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { postgresSkipNotice, postgresUnavailable, TEST_DATABASE_URL } from './test-stores';

const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('Outbox leases on PostgreSQL', pgUnavailable));

/** Two servers on one database: each due delivery is claimed by exactly one of them. */
describe('outbox leases across two connections', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('on one SQLite file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-lease-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'crm-guard.db');
    await claimsAreDisjoint(await opened(openSqliteStore(file)), await opened(openSqliteStore(file)));
  });

  it.skipIf(pgUnavailable !== undefined)('on one PostgreSQL schema', async () => {
    const schema = `crmguard_test_lease_${randomBytes(4).toString('hex')}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists ${client.escapeIdentifier(schema)} cascade`).finally(() => client.end());
    });
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('schema', schema);
    await claimsAreDisjoint(await opened(openPostgresStore(url.toString())), await opened(openPostgresStore(url.toString())));
  });

  async function opened(opening: Promise<Store>) {
    const store = await opening;
    cleanups.push(() => store.close());
    return store;
  }
});

async function claimsAreDisjoint(a: Store, b: Store) {
  const now = '2026-11-02T10:00:00.000Z';
  const lease = '2026-11-02T10:01:00.000Z';
  for (let i = 0; i < 30; i++) await a.outbox.enqueue(`alert-${i}`, `digest-${i}`, [{ integration: 'webhook', payload: '{}' }], now);
  const claims = await Promise.all([a, b, a, b].map((s) => s.outbox.claimDue(now, lease, 30)));
  const ids = claims.flat().map((e) => e.id);
  expect(ids).toHaveLength(30);
  expect(new Set(ids).size).toBe(30);
  // Leased: not due again until the lease runs out, then due for whoever asks.
  expect(await b.outbox.claimDue(now, lease, 30)).toEqual([]);
  expect(await b.outbox.claimDue(lease, '2026-11-02T10:02:00.000Z', 100)).toHaveLength(30);
}
