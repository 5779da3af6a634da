import type { Kysely } from 'kysely';

/**
 * What the risk engine reads instead of raw events: daily indicator sums per employee (kept on ingest,
 * in the same transaction as the events), distinct records viewed per day, lineage results, the HR
 * directory that defines peer groups, and each event's facts without its fingerprints.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The event without its fingerprints: what scoring and explanations need, a fraction of the size.
  await db.schema.alterTable('events').addColumn('facts', 'text').execute();

  await db.schema.createTable('activity_daily')
    .addColumn('employee', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_daily_pk', ['employee', 'day', 'indicator'])
    .execute();
  await db.schema.createIndex('activity_daily_day').on('activity_daily').column('day').execute();

  await db.schema.createTable('record_views_daily')
    .addColumn('employee', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_views_daily_pk', ['employee', 'day', 'record_hash'])
    .execute();

  await db.schema.createTable('lineage')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('employee', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addColumn('source_event_ids', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lineage_employee_time').on('lineage').columns(['employee', 'occurred_at']).execute();

  await db.schema.createTable('directory')
    .addColumn('employee', 'text', (c) => c.primaryKey())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
