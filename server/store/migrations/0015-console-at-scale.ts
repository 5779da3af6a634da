import type { Kysely } from 'kysely';

/**
 * The console at ten thousand people (issue 18): the employee list shows the highest scores of each risk
 * level, a page of them, read through (level, score) instead of sorting everyone's; an employee's page
 * finds their browsers by employee instead of reading every device.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('risk_scores_level_score').on('risk_scores').columns(['level', 'score', 'employee']).execute();
  await db.schema.createIndex('devices_employee').on('devices').column('employee').execute();
}
