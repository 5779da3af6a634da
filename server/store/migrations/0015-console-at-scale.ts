import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The console at ten thousand people (issue 18): the employee list shows the highest scores of each risk
 * level, a page of them, read through (level, score) instead of sorting everyone's; an employee's page
 * finds their browsers by employee instead of reading every device; the activity explorer's charts read
 * events counted per day, type, CRM and destination (`event_volume_daily`, kept by the event writer and
 * filled here from the events already stored) instead of grouping a month of events per view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('risk_scores_level_score').on('risk_scores').columns(['level', 'score', 'employee']).execute();
  await db.schema.createIndex('devices_employee').on('devices').column('employee').execute();
  await db.schema.createTable('event_volume_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('crm', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_volume_daily_pk', ['day', 'type', 'crm', 'destination'])
    .execute();
  // The fields as the JSON body holds them: the writer counts the same (a non-text value counts as none).
  const field = (name: string) => (db.getExecutor().adapter instanceof PostgresAdapter
    ? sql`case when jsonb_typeof(cast(body as jsonb) -> ${sql.lit(name)}) = 'string' then cast(body as jsonb) ->> ${sql.lit(name)} else '' end`
    : sql`case when json_type(body, ${sql.lit(`$.${name}`)}) = 'text' then json_extract(body, ${sql.lit(`$.${name}`)}) else '' end`);
  await sql`insert into event_volume_daily (day, type, crm, destination, count)
    select substr(occurred_at, 1, 10), type, ${field('crm')}, ${field('destination')}, count(*) from events group by 1, 2, 3, 4`.execute(db);
}
