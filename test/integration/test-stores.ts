import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPostgresStore } from '../../server/store/postgres';
import type { Database } from '../../server/store/schema';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';

/** The PostgreSQL server tests use: the machine's own (see ENVIRONMENT.md) unless the variable names another. */
export const TEST_DATABASE_URL = process.env.CRMGUARD_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A store holding nothing but what one test writes; `destroy` closes it and deletes its data. */
export interface TestStore {
  store: Store;
  destroy(): Promise<void>;
}

/** Why tests cannot use PostgreSQL at `url`, or undefined when it answers within `timeoutMs`. */
export async function postgresUnavailable(url = TEST_DATABASE_URL, timeoutMs = 10_000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why a PostgreSQL run is skipped and how to get it back, without the URL's password. */
export function postgresSkipNotice(what: string, reason: string) {
  const where = new URL(TEST_DATABASE_URL);
  return `${what} skipped: PostgreSQL at ${where.host}${where.pathname} did not answer (${reason}). `
    + 'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set CRMGUARD_TEST_DATABASE_URL.';
}

/** A fresh SQLite file in `dir` (a new temporary folder, removed by `destroy`, when not given). */
export async function openSqliteTestStore(dir?: string): Promise<TestStore> {
  const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-store-'));
  const store = await openSqliteStore(path.join(folder, 'crm-guard.db'));
  return {
    store,
    async destroy() {
      await store.close();
      if (!dir) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A DATABASE_URL naming a schema no one has used (created by whoever opens it first), and how to drop it. */
export function freshSchemaUrl(baseUrl = TEST_DATABASE_URL) {
  const schema = `crmguard_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('schema', schema);
  return { url: url.toString(), schema, drop: () => dropSchema(baseUrl, schema) };
}

/** Kysely on a new, empty schema of the test server (unmigrated: the caller migrates as far as it needs), and how to drop it. */
export async function freshPostgresKysely(baseUrl = TEST_DATABASE_URL) {
  const { schema } = freshSchemaUrl(baseUrl);
  const pool = new pg.Pool({ connectionString: baseUrl, options: `-c search_path=${schema}` });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`create schema ${sql.id(schema)}`.execute(db);
  const drop = async () => {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  };
  return { db, schema, drop };
}

/** A fresh schema on the test server, dropped by `destroy`. */
export async function openPostgresTestStore(baseUrl = TEST_DATABASE_URL): Promise<TestStore> {
  const { url, schema } = freshSchemaUrl(baseUrl);
  const store = await openPostgresStore(url).catch(async (error: unknown) => {
    await dropSchema(baseUrl, schema);
    throw error;
  });
  return {
    store,
    async destroy() {
      await store.close();
      await dropSchema(baseUrl, schema);
    },
  };
}

async function dropSchema(baseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${client.escapeIdentifier(schema)} cascade`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL when `CRMGUARD_TEST_BACKEND=postgres` (see `npm run test:postgres`), else SQLite in `dir`. */
export function openTestStore(dir: string): Promise<TestStore> {
  return process.env.CRMGUARD_TEST_BACKEND === 'postgres' ? openPostgresTestStore() : openSqliteTestStore(dir);
}
