import { sql, type Kysely } from 'kysely';

/**
 * Uploads and pastes keep their fingerprints in `facts` (store/activity.ts `bodyAndFacts`): whether an
 * exfiltration was fingerprinted decides how scoring judges it. The ones stored before lost them there;
 * without `facts`, scoring reads their `body`, which has them. Uploads and pastes are few; exports are untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update events set facts = null where type in ('webmail.upload', 'webmail.paste') and facts is not null and facts <> body`.execute(db);
}
