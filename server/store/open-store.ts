import type { ServerConfig } from '../config';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** SQLite unless DATABASE_URL names a PostgreSQL server; any other DATABASE_URL stops the start. */
export async function openStore(config: ServerConfig): Promise<Store> {
  if (!config.databaseUrl) return openSqliteStore(config.sqliteFile);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(config.databaseUrl)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    // The URL itself is not repeated: it may carry a password.
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got ${scheme ? `a ${scheme}: URL` : 'no URL scheme'}; unset it to use SQLite (CRMGUARD_DB)`);
  }
  if (!URL.canParse(config.databaseUrl)) throw new Error('DATABASE_URL is not a valid URL');
  return openPostgresStore(config.databaseUrl);
}
