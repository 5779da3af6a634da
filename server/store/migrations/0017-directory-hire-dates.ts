import type { Kysely } from 'kysely';

/**
 * The HR directory also knows when a person was hired (the HR import, `PUT /v1/hr/directory`, SCIM): a new
 * starter's first month is taking over a territory, which the hire date tells exactly where the first
 * active day can only guess (onboarding.ts). YYYY-MM-DD.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('directory').addColumn('hired_on', 'text').execute();
}
