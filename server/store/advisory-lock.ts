import { sql, type RawBuilder } from 'kysely';

/**
 * The advisory-lock id of `key` for this deployment. PostgreSQL's advisory locks belong to the whole
 * database, not to a schema, and deployments may share one database in schemas of their own (`?schema=`,
 * as every test and benchmark run does): without the schema in the id, one deployment's scheduled
 * rescore would make another's skip, and their employee and audit locks would wait on each other.
 */
export function lockId(key: string): RawBuilder<bigint> {
  return sql<bigint>`hashtextextended(current_schema() || ${`\n${key}`}, 0)`;
}
