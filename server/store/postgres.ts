import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { KyselyStore } from './kysely-store';
import type { Database } from './schema';
import type { Store } from './store';

/**
 * Opens the PostgreSQL store behind `url` (`postgres://` or `postgresql://`) and migrates it.
 *
 * `?schema=NAME` keeps crm-guard's tables in that schema, created when missing, so one database can hold
 * several deployments or test runs side by side. libpq's `?options=-c search_path=NAME` works too, for a
 * schema that already exists. Without either, the server's search_path applies (usually `public`).
 */
export async function openPostgresStore(url: string, options: { employeeLockTimeoutMs?: number } = {}): Promise<Store> {
  const { connectionString, schema } = withSearchPath(url);
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000 });
  // An idle connection that breaks (PostgreSQL restarted) would otherwise crash the process; the pool
  // replaces it and the next query reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  // A connection checked out of the pool has no such listener: one that breaks between two queries would
  // throw from an EventEmitter and end the process. Its query fails (a 503) and the pool discards it.
  pool.on('connect', (client) => client.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createSchema(db, schema);
    const store = new KyselyStore(db, 'postgres', options.employeeLockTimeoutMs);
    await store.migrate();
    return store;
  } catch (error) {
    await db.destroy();
    throw new Error(`PostgreSQL at ${describe(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Moves `?schema=NAME` into the startup `options` pg sends, so every pooled connection starts in it. */
function withSearchPath(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { connectionString: url };
  if (!SCHEMA_NAME.test(schema)) throw new Error(`DATABASE_URL: schema must be a plain identifier (letters, digits, _), got "${schema}"`);
  parsed.searchParams.delete('schema');
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c search_path=${schema}`);
  return { connectionString: parsed.toString(), schema };
}

async function createSchema(db: Kysely<Database>, schema: string) {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two servers starting together can both pass `if not exists`; the loser's error is harmless.
    const exists = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (exists.rows.length === 0) throw error;
  }
}

/** host:port/database for messages, never the password. */
function describe(url: string) {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
