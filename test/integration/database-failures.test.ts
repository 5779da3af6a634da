import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import { make, testApp, type TestApp } from './harness';
import { tcpProxy } from './tcp-proxy';
import { freshSchemaUrl, postgresUnavailable } from './test-stores';

const AT = '2026-11-02T09:00:00.000Z';

/**
 * When the database cannot serve, the server answers 503 with the contract's error body and Retry-After,
 * acknowledges nothing, keeps running, and stores the refused batch once it is sent again after recovery.
 */
async function expectOutageThenRecovery(t: TestApp, outage: { start(): void | Promise<void>; end(): void | Promise<void> }) {
  const token = await t.enroll('ann@acme.test');
  const first = [make.export('ann@acme.test', AT), make.copy('ann@acme.test', AT)];
  expect((await t.request('/v1/events', { token, json: { events: first } })).status).toBe(200);
  // Enough that storing it needs new pages of the database file.
  const refused = [make.upload('ann@acme.test', AT), ...Array.from({ length: 300 }, () => make.export('ann@acme.test', AT))];
  await outage.start();
  const during = await t.request('/v1/events', { token, json: { events: refused } });
  expect(during.status).toBe(503);
  expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await during.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
  await outage.end();
  const after = await t.request('/v1/events', { token, json: { events: refused } });
  expect(after.status).toBe(200);
  // A refused batch may have been stored before the failure (say, rescoring failed): then it is a duplicate, never lost.
  const { accepted, duplicate } = (await after.json()) as { accepted: number; duplicate: number };
  expect(accepted + duplicate).toBe(refused.length);
  expect(await t.store.countEvents()).toBe(first.length + refused.length);
  expect((await t.request('/healthz')).status).toBe(200);
}

describe('SQLite failures', () => {
  let t: TestApp;
  let connection: SQLite.Database;
  const sqliteApp = () => testApp(new Date('2026-11-02T10:00:00Z'), {
    openStore: async (dir) => {
      const store = await openSqliteStore(path.join(dir, 'crm-guard.db'), (d) => (connection = d));
      return { store, destroy: () => store.close() };
    },
  });
  afterEach(async () => { await t.close(); });

  it('a database locked by another writer answers 503 until it is released', async () => {
    t = await sqliteApp();
    const other = new SQLite(path.join(t.dir, 'crm-guard.db'));
    // The server waits its busy_timeout (5 s) for the lock, then gives up with SQLITE_BUSY.
    await expectOutageThenRecovery(t, { start: () => void other.exec('BEGIN IMMEDIATE'), end: () => void other.exec('ROLLBACK') });
    other.close();
  }, 60_000);

  it('a full disk answers 503 until there is room again', async () => {
    t = await sqliteApp();
    // SQLite reports SQLITE_FULL when the file may not grow: exactly what it reports when the disk is full.
    const limit = connection.pragma('max_page_count', { simple: true }) as number;
    await expectOutageThenRecovery(t, {
      start: () => void connection.pragma(`max_page_count = ${connection.pragma('page_count', { simple: true }) as number}`),
      end: () => void connection.pragma(`max_page_count = ${limit}`),
    });
  });

  it('a read-only database answers 503 until it is writable again', async () => {
    t = await sqliteApp();
    // query_only makes every write fail with SQLITE_READONLY, as a file remounted read-only does.
    await expectOutageThenRecovery(t, { start: () => void connection.pragma('query_only = ON'), end: () => void connection.pragma('query_only = OFF') });
  });
});

const unavailable = await postgresUnavailable(undefined, 10_000);

describe.skipIf(unavailable !== undefined)('PostgreSQL restarting', () => {
  it('answers 503 while the database is unreachable and serves again when it is back', async () => {
    const schema = freshSchemaUrl();
    const target = new URL(schema.url);
    const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(schema.url);
    viaProxy.port = String(proxy.port);
    const t = await testApp(new Date('2026-11-02T10:00:00Z'), {
      openStore: async () => {
        const store = await openPostgresStore(viaProxy.toString());
        return { store, destroy: () => store.close() };
      },
    });
    try {
      await expectOutageThenRecovery(t, {
        start: async () => {
          proxy.cut();
          expect((await t.request('/healthz')).status).toBe(503);
        },
        end: () => proxy.restore(),
      });
    } finally {
      await t.close();
      await proxy.close();
      await schema.drop();
    }
  }, 60_000);
});
