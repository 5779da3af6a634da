import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The advisory-lock id of a key for this deployment. PostgreSQL's advisory locks belong to the whole
 * database, not to a schema, and deployments may share one database in schemas of their own (`?schema=`,
 * as every test and benchmark run does): without the schema in the id, one deployment's scheduled
 * rescore would make another's skip, and their employee and audit locks would wait on each other.
 * `key` is any text expression (a column of a set of keys too); `lockId` takes a literal key.
 */
export function lockIdOf(key: Expression<string>): RawBuilder<bigint> {
  return sql<bigint>`hashtextextended(current_schema() || chr(10) || ${key}, 0)`;
}

export function lockId(key: string): RawBuilder<bigint> {
  return lockIdOf(sql.val(key));
}
