import type { Kysely } from 'kysely';

/**
 * Declared change windows: planned bulk work (a CRM migration, an audit) an administrator names beforehand,
 * for some people and days. Scoring sets their activity in it aside (server/risk/change-windows.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('change_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A JSON array of lower-cased e-mail addresses: windows are few, read whole, and never searched by person in SQL.
    .addColumn('employees', 'text', (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
