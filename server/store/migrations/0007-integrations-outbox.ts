import type { Kysely } from 'kysely';

/**
 * The durable outbox of alert deliveries to integrations (webhook, Splunk HEC, OCSF, syslog): a delivery
 * is written in the database before anything is sent, so a restart loses none, and stays until the
 * receiver acknowledged it or it failed too often (`status = 'dead'`, the dead letters). Beside it, the
 * last state of each alert that was announced, so re-evaluating unchanged evidence sends nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema.createTable('alert_announcements')
    .addColumn('alert_id', 'text', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
