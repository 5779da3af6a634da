import type { ServerConfig } from './config';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/store';

/** SQLite unless DATABASE_URL names a PostgreSQL server. */
export async function openStore(config: ServerConfig): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set, but the PostgreSQL backend is not available in this version; unset it to use SQLite');
  }
  return openSqliteStore(config.sqliteFile);
}
