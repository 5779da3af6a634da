import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface EventRow { id: string; type: string; occurred_at: string; received_at: string; employee: string; device_id: string; origin: string; body: string; facts: string }

const COLUMNS = ['id', 'type', 'occurred_at', 'received_at', 'employee', 'device_id', 'origin', 'body', 'facts'] as const;

/**
 * The ceiling: each batch's rows into `events` in one transaction of one multi-row INSERT, straight through
 * the driver (no HTTP, no validation, no daily sums, no scoring). `env` is what freshDatabase returned.
 */
export async function rawInsert(env: { CRMGUARD_DB?: string; DATABASE_URL?: string }, batches: EventRow[][]) {
  if (env.DATABASE_URL) return rawPostgres(env.DATABASE_URL, batches);
  const db = new SQLite(env.CRMGUARD_DB!);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statements = new Map<number, SQLite.Statement>();
  const insert = db.transaction((rows: EventRow[]) => {
    let statement = statements.get(rows.length);
    if (!statement) {
      statement = db.prepare(`insert into events (${COLUMNS.join(', ')}) values ${rows.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`);
      statements.set(rows.length, statement);
    }
    statement.run(rows.flatMap((r) => COLUMNS.map((c) => r[c])));
  });
  for (const rows of batches) insert(rows);
  db.close();
}

async function rawPostgres(url: string, batches: EventRow[][]) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema')!;
  parsed.searchParams.delete('schema');
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  // As many connections as the server's pool, each taking batches in turn: the database's ceiling, not one socket's.
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 10 });
  let next = 0;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < batches.length) {
      const rows = batches[next++]!;
      const values = rows.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
      await pool.query(`insert into events (${COLUMNS.join(', ')}) values ${values}`, rows.flatMap((r) => COLUMNS.map((c) => r[c])));
    }
  }));
  await pool.end();
}
