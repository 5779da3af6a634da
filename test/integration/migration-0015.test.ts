import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { KyselyStore } from '../../server/store/kysely-store';
import { migrationProvider } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { make } from './harness';
import { freshPostgresKysely, postgresSkipNotice, postgresUnavailable } from './test-stores';

// 0015 counts the events already stored per day, type, CRM and destination; new events add to the same rows.
const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('Migration 0015 on PostgreSQL', pgUnavailable));

const ANN = 'ann@acme.example';
const OLD_EVENTS = [
  make.export(ANN, '2026-11-02T08:00:00Z'),
  make.export(ANN, '2026-11-02T23:59:59Z', { crm: 'hubspot' }),
  make.upload(ANN, '2026-11-02T09:00:00Z'),
  make.upload(ANN, '2026-11-03T00:00:00Z'),
  // A body whose destination is not text counts as none, as the writer counts it.
  make.upload(ANN, '2026-11-03T01:00:00Z', { destination: 42 }),
];

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

describe('migration 0015 (event_volume_daily)', () => {
  it('counts the stored events on SQLite', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    cleanup = () => db.destroy();
    await expectCounted(db, 'sqlite');
  });

  it.skipIf(pgUnavailable !== undefined)('counts the stored events on PostgreSQL', async () => {
    const { db, schema, drop } = await freshPostgresKysely();
    cleanup = drop;
    await expectCounted(db, 'postgres', schema);
  });
});

async function expectCounted(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', schema?: string) {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  expect((await migrator.migrateTo('0013-alert-cases')).error).toBeUndefined();
  for (const e of OLD_EVENTS) {
    await sql`insert into events (id, type, occurred_at, received_at, employee, device_id, origin, body, facts)
      values (${e.id}, ${e.type}, ${new Date(e.occurredAt).toISOString()}, ${e.occurredAt}, ${ANN}, 'dev', ${e.origin}, ${JSON.stringify(e)}, ${JSON.stringify(e)})`.execute(db);
  }
  const store = new KyselyStore(db, dialect);
  await store.migrate();
  const window = { since: '2026-11-01T00:00:00.000Z', until: '2026-11-04T00:00:00.000Z' };
  const sorted = (cells: { day: string; type: string; crm: string | null; destination: string | null; count: number }[]) =>
    [...cells].sort((a, b) => `${a.day}${a.type}${a.crm}${a.destination}`.localeCompare(`${b.day}${b.type}${b.crm}${b.destination}`));
  const expected = [
    { day: '2026-11-02', type: 'crm.export', crm: 'hubspot', destination: null, count: 1 },
    { day: '2026-11-02', type: 'crm.export', crm: 'salesforce', destination: null, count: 1 },
    { day: '2026-11-02', type: 'webmail.upload', crm: null, destination: 'gmail', count: 1 },
    { day: '2026-11-03', type: 'webmail.upload', crm: null, destination: 'gmail', count: 1 },
    { day: '2026-11-03', type: 'webmail.upload', crm: null, destination: null, count: 1 },
  ];
  expect(sorted(await store.consoleReads.activityVolume(window))).toEqual(expected);
  // The organisation's counts and one person's (grouped from the events) agree.
  expect(sorted(await store.consoleReads.activityVolume({ ...window, employee: ANN }))).toEqual(expected);
  // New events add to the rows the migration wrote; a repeat adds nothing.
  const again = make.upload(ANN, '2026-11-02T12:00:00Z');
  await store.insertEvents('dev', [again, { ...again }, make.export(ANN, '2026-11-02T13:00:00Z', { id: randomUUID() })] as Event[], '2026-11-02T13:00:00Z');
  await store.insertEvents('dev', [again] as Event[], '2026-11-02T13:00:01Z');
  const after = await store.consoleReads.activityVolume({ ...window, destination: 'gmail' });
  expect(sorted(after)).toEqual([
    { day: '2026-11-02', type: 'webmail.upload', crm: null, destination: 'gmail', count: 2 },
    { day: '2026-11-03', type: 'webmail.upload', crm: null, destination: 'gmail', count: 1 },
  ]);
}
