import * as path from 'node:path';
import type { ServerConfig } from '../config';
import { checkDatabaseUrl } from '../startup/preflight';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** SQLite unless DATABASE_URL names a PostgreSQL server; any other DATABASE_URL stops the start. */
export async function openStore(config: ServerConfig): Promise<Store> {
  if (!config.databaseUrl) {
    try {
      return await openSqliteStore(config.sqliteFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot open the SQLite database ${path.resolve(config.sqliteFile)} (${reason}); set CRMGUARD_DB to a readable and writable SQLite file`, { cause: error });
    }
  }
  checkDatabaseUrl(config);
  return openPostgresStore(config.databaseUrl);
}
