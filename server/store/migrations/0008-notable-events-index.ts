import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The event types scoring reads one by one (every type but record views, list views and heartbeats), as
 * they were when this index was made. Frozen here: a migration never changes. If the read ever asks for a
 * type this list lacks, PostgreSQL cannot use the index for any of the read and falls back to the
 * (type, occurred_at) plan, so test/integration/notable-read.test.ts fails until a new migration makes an
 * index that holds the new list.
 */
export const NOTABLE_INDEXED_TYPES = ['crm.export', 'crm.copy', 'crm.print', 'webmail.upload', 'webmail.paste', 'webmail.justification', 'agent.notice_acknowledged'] as const;

/**
 * A rescore reads the notable events of the employees in its round, in the window. With only (type, time)
 * and (employee, time) to go by, PostgreSQL read every employee's notable events of the window and kept the
 * round's: a quarter of them with 1,000 employees in rounds of 250, a fortieth with 10,000. This index holds
 * just the notable ones (a small share of the events), by employee and time.
 * PostgreSQL only: SQLite keeps no statistics to choose it by, reads a round through (employee, time)
 * (store/activity.ts), and would only pay for the index on every insert.
 * Built inside the migration's transaction, so inserts into `events` wait while it reads the whole table;
 * what devices send meanwhile waits in their queues (README, PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // The types written out, not bound: the index's condition as text the planner compares a query's with.
  const notable = sql<boolean>`${sql.ref('type')} in (${sql.join(NOTABLE_INDEXED_TYPES.map((t) => sql.lit(t)))})`;
  await db.schema.createIndex('events_notable_employee_time').on('events').columns(['employee', 'occurred_at']).where(notable).execute();
}
