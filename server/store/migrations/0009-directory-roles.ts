import type { Kysely } from 'kysely';

/**
 * The HR directory also knows a person's job title and manager (from SCIM or the HR import): peer groups by
 * role pool people whose normal volumes are alike, which a department alone does not (SDRs beside account
 * executives).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('directory').addColumn('job_title', 'text').execute();
  await db.schema.alterTable('directory').addColumn('manager', 'text').execute();
}
