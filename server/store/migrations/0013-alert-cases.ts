import type { Kysely } from 'kysely';

/**
 * Alerts become cases (issue 18): one open alert per person and incident, its patterns listed inside it
 * (`patterns`, a JSON array of pattern ids, so the queue can filter by any of them) and the score it was
 * raised at (`score`, so the queue sorts by severity, then score) and when it was first triaged
 * (`triaged_at`, for time to triage). Lineage keeps the fingerprints it
 * matched, so that an upload, a paste and a re-upload of the same contacts count them once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('patterns', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('score', 'real').execute();
  await db.schema.alterTable('alerts').addColumn('triaged_at', 'text').execute();
  await db.schema.alterTable('lineage').addColumn('matched_fingerprints', 'text').execute();
  await db.schema.alterTable('lineage').addColumn('level', 'integer').execute();
}
