import type { Kysely } from 'kysely';

/**
 * Coverage and tamper signals per device: when the browser reported the extension's removal (its uninstall
 * URL), whether it may run in incognito windows, and when the employee acknowledged the first-run notice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('uninstalled_at', 'text').execute();
  await db.schema.alterTable('devices').addColumn('incognito_allowed', 'integer').execute();
  await db.schema.alterTable('devices').addColumn('notice_acknowledged_at', 'text').execute();
}
