import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { KyselyStore } from '../../server/store/kysely-store';
import { migrationProvider } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { freshPostgresKysely, postgresSkipNotice, postgresUnavailable } from './test-stores';

// 0003 reshapes 0002's daily sums (a row per employee, day and indicator) into a row per employee and day.
const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('Migration 0003 on PostgreSQL', pgUnavailable));

const OLD_ROWS = [
  { employee: 'ann@acme.example', day: '2026-11-02', indicator: 'exports', value: 2 },
  { employee: 'ann@acme.example', day: '2026-11-02', indicator: 'export_rows', value: 4200 },
  { employee: 'ann@acme.example', day: '2026-11-02', indicator: 'after_hours', value: 1 },
  { employee: 'ann@acme.example', day: '2026-11-03', indicator: 'heartbeats', value: 12 },
  { employee: 'bob@acme.example', day: '2026-11-02', indicator: 'paste_contacts', value: 0.5 },
];

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

describe('migration 0003 (activity_days)', () => {
  it('carries every daily sum over on SQLite', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    cleanup = () => db.destroy();
    await expectBackfilled(db, 'sqlite');
  });

  it.skipIf(pgUnavailable !== undefined)('carries every daily sum over on PostgreSQL', async () => {
    const { db, schema, drop } = await freshPostgresKysely();
    cleanup = drop;
    await expectBackfilled(db, 'postgres', schema);
  });
});

async function expectBackfilled(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', schema?: string) {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  expect((await migrator.migrateTo('0002-risk-activity')).error).toBeUndefined();
  await sql`insert into activity_daily (employee, day, indicator, value) values ${sql.join(OLD_ROWS.map((r) => sql`(${r.employee}, ${r.day}, ${r.indicator}, ${r.value})`))}`.execute(db);

  const store = new KyselyStore(db, dialect);
  await store.migrate();

  const data = await store.scoringData('all', { dailySince: '2026-11-01' });
  expect(data.get('ann@acme.example')?.daily).toEqual([
    { day: '2026-11-02', values: { exports: 2, export_rows: 4200, after_hours: 1 } },
    { day: '2026-11-03', values: { heartbeats: 12 } },
  ]);
  expect(data.get('bob@acme.example')?.daily).toEqual([{ day: '2026-11-02', values: { paste_contacts: 0.5 } }]);
  expect(await store.knownEmployees()).toEqual(['ann@acme.example', 'bob@acme.example']);
  // The old table is gone, so nothing can keep writing to it.
  await expect(sql`select count(*) from activity_daily`.execute(db)).rejects.toThrow();
}
