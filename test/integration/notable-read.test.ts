import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { notableEvents, NOTABLE_TYPES } from '../../server/store/activity';
import { KyselyStore } from '../../server/store/kysely-store';
import { NOTABLE_INDEXED_TYPES } from '../../server/store/migrations/0008-notable-events-index';
import { freshPostgresKysely, postgresSkipNotice, postgresUnavailable } from './test-stores';

// A rescore reads its round's employees' notable events through the partial index of migration 0008.
const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('The notable-events read on PostgreSQL', pgUnavailable));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

describe('the notable-events read', () => {
  it('asks for the very types the partial index holds, in its order (a new notable type needs a new index)', () => {
    expect(NOTABLE_TYPES).toEqual([...NOTABLE_INDEXED_TYPES]);
  });

  it.skipIf(pgUnavailable !== undefined)('reads a round of employees through the partial index on PostgreSQL, not every employee’s notable events', async () => {
    const { db, drop } = await freshPostgresKysely();
    cleanup = drop;
    await new KyselyStore(db, 'postgres').migrate();
    // 400 employees with 100 events each in the last day, 3 in 10 notable (the ingest benchmark's mix).
    await sql`insert into events (id, type, occurred_at, received_at, employee, device_id, origin, body)
      select 'e' || n, case when n % 10 = 0 then 'crm.export' when n % 10 in (1, 2) then 'crm.copy' else 'crm.record_view' end,
        to_char(now() - (n % 86400) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '2026-12-01T00:00:00.000Z',
        'employee.' || (n % 400) || '@acme.example', 'dev', 'https://acme.example', '{}'
      from generate_series(1, 40000) n`.execute(db);
    await sql`analyze events`.execute(db);

    const round = Array.from({ length: 100 }, (_, i) => `employee.${i * 4}@acme.example`);
    const query = notableEvents(db, 'postgres', round, new Date(Date.now() - 30 * 86_400_000).toISOString());
    const plan = (await query.explain()).map((r) => String(r['QUERY PLAN'])).join('\n');
    expect(plan).toContain('events_notable_employee_time');
    // Ordered per employee in JavaScript (store/activity.ts): a database sort of the rows is what this replaced.
    expect(plan).not.toContain('Sort');

    // A plan made before the values are known (a prepared statement's generic plan) still uses the index,
    // because the types are written into the query rather than bound.
    const { sql: text, parameters } = query.compile();
    const generic = await db.connection().execute(async (connection) => {
      await sql`set plan_cache_mode = force_generic_plan`.execute(connection);
      await sql.raw(`prepare notable_read as ${text}`).execute(connection);
      const values = parameters.map((p) => `'${String(p).replaceAll("'", "''")}'`).join(', ');
      const rows = (await sql.raw<{ 'QUERY PLAN': string }>(`explain execute notable_read(${values})`).execute(connection)).rows;
      await sql`deallocate notable_read`.execute(connection);
      await sql`reset plan_cache_mode`.execute(connection);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(generic).toContain('events_notable_employee_time');
  });
});
