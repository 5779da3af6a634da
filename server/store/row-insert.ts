import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A multi-row INSERT of one shape whose SQL text is compiled once per dialect and row count, then sent
 * again with each call's values. Kysely builds and walks a frozen syntax tree with a node per value on
 * every call (a 100-row insert of events is 900 of them), which was a tenth of the server's CPU on
 * ingest; the text depends only on the table, the columns and the number of rows.
 *
 * `columns` lists every column `build` inserts, in the order its rows name them: the values are sent
 * row by row in that order. The first compilation of each row count checks the values against Kysely's
 * own parameters, which catches a column missing or extra (not two columns of equal values swapped).
 * Every value must be defined (Kysely would write DEFAULT for a missing one, a reused text cannot).
 * Plugins and `withSchema` change the SQL without changing the dialect, so a database using them is refused.
 */
export function rowInsert<Row extends object, Out = unknown, DB = Database>(columns: readonly (keyof Row & string)[], build: (db: Kysely<DB>, rows: Row[]) => Compilable<Out>) {
  // Keyed by the dialect's adapter, which the database and all its transactions share.
  const texts = new WeakMap<object, Map<number, string>>();
  // `db` may be a transaction: a Kysely too.
  return async (db: Kysely<DB>, rows: Row[]): Promise<Out[]> => {
    const params: unknown[] = [];
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column];
        if (value === undefined) throw new Error(`rowInsert: ${column} is undefined`);
        params.push(value);
      }
    }
    const executor = db.getExecutor();
    if (executor.plugins.length > 0) throw new Error('rowInsert: a database with plugins or withSchema compiles other SQL than the cached text');
    let byCount = texts.get(executor.adapter);
    if (!byCount) texts.set(executor.adapter, (byCount = new Map()));
    let text = byCount.get(rows.length);
    if (text === undefined) {
      const compiled = build(db, rows).compile();
      if (compiled.parameters.length !== params.length || compiled.parameters.some((p, i) => !Object.is(p, params[i]))) {
        throw new Error(`rowInsert: the columns ${columns.join(', ')} are not the compiled statement's parameters in order`);
      }
      text = compiled.sql;
      byCount.set(rows.length, text);
    }
    return (await db.executeQuery<Out>(CompiledQuery.raw(text, params))).rows;
  };
}
