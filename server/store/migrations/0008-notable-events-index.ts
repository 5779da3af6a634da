import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The event types scoring reads one by one (every type but record views, list views and heartbeats), as
 * they were when this index was made. Frozen here: a migration never changes. A type added to them later
 * is still read, through the other indexes, until a new migration makes an index that holds it too
 * (store/activity.test.ts fails until then).
 */
export const NOTABLE_INDEXED_TYPES = ['crm.export', 'crm.copy', 'crm.print', 'webmail.upload', 'webmail.paste', 'webmail.justification', 'agent.notice_acknowledged'] as const;

/**
 * `type in ('crm.export', …)` with the types written out, not bound: a planner uses a partial index only
 * where it can prove that the query's condition implies the index's, and a plan made before the values
 * are known (a prepared statement's generic plan) could not (store/activity.ts asks the same way).
 */
export function typeIn(types: readonly string[]) {
  return sql<boolean>`${sql.ref('type')} in (${sql.join(types.map((t) => sql.lit(t)))})`;
}

/**
 * A rescore reads the notable events of the employees in its round, in the window. With only (type, time)
 * and (employee, time) to go by, PostgreSQL read every employee's notable events of the window and kept the
 * round's: a quarter of them with 1,000 employees in rounds of 250, a fortieth with 10,000. This index holds
 * just the notable ones (a small share of the events), by employee and time.
 * PostgreSQL only: SQLite keeps no statistics to choose it by, reads a round through (employee, time)
 * (store/activity.ts), and would only pay for the index on every insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema.createIndex('events_notable_employee_time').on('events').columns(['employee', 'occurred_at']).where(typeIn(NOTABLE_INDEXED_TYPES)).execute();
}
