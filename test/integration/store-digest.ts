import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** A hash of every row of every table, order-independent: equal digests, unchanged store. */
export interface StoreDigest {
  digest(): Promise<string>;
  close(): Promise<void>;
}

function hashTables(tables: [string, unknown[]][]) {
  const hash = createHash('sha256');
  for (const [name, rows] of tables.sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${name}\n`);
    for (const row of rows.map((r) => JSON.stringify(r)).sort()) hash.update(`${row}\n`);
  }
  return hash.digest('hex');
}

/** SQLite: recomputed only when another connection (the server's) has committed since the last digest. */
export function sqliteDigest(file: string): StoreDigest {
  const db = new SQLite(file, { readonly: true });
  let last: { version: number; digest: string } | undefined;
  return {
    async digest() {
      const version = db.pragma('data_version', { simple: true }) as number;
      if (last?.version === version) return last.digest;
      const names = db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
      last = { version, digest: hashTables(names.map((name) => [name, db.prepare(`select * from "${name}"`).all()])) };
      return last.digest;
    },
    async close() { db.close(); },
  };
}

/** `url` carries `?schema=` as the server's DATABASE_URL does. */
export async function postgresDigest(url: string): Promise<StoreDigest> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema')!;
  parsed.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  return {
    async digest() {
      const { rows } = await client.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1 order by 1', [schema]);
      // One round trip: each table's rows as text, sorted and hashed by PostgreSQL itself.
      const perTable = rows.map(({ table_name: name }) =>
        `select ${client.escapeLiteral(name)} as name, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as hash from ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)} t`);
      const { rows: hashes } = await client.query<{ name: string; hash: string }>(perTable.join(' union all '));
      return hashTables(hashes.map((h) => [h.name, [h.hash]]));
    },
    close: () => client.end(),
  };
}
