import * as fs from 'node:fs';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStore } from './kysely-store';
import type { Database } from './schema';
import { reusingStatements } from './sqlite-statements';
import type { Store } from './store';

/**
 * Opens (creating if needed) the embedded SQLite store. WAL lets readers (the dashboard) run while
 * ingest writes; `synchronous = NORMAL` in WAL mode is still durable across application crashes.
 * `configure` sees the connection once the pragmas are set.
 */
export async function openSqliteStore(file: string, configure?: (database: SQLite.Database) => void): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Tests reach the connection through this to make SQLite itself report a full disk or a read-only file.
  configure?.(database);
  const store = new KyselyStore(new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) }), 'sqlite');
  await store.migrate();
  return store;
}
