import SQLite from 'better-sqlite3';
import pg from 'pg';
import { bodyAndFacts } from '../../server/store/activity';
import type { Event } from '../../shared/events';

export interface EventRow { id: string; type: string; occurred_at: string; received_at: string; employee: string; device_id: string; origin: string; body: string; facts: string }

/** `e` as the server stores it in `events` (server/store/event-writer.ts), received from `deviceId` at `receivedAt`. */
export function eventRow(e: Event, receivedAt: string, deviceId: string): EventRow {
  return { id: e.id, type: e.type, occurred_at: new Date(e.occurredAt).toISOString(), received_at: receivedAt, employee: e.employee, device_id: deviceId, origin: e.origin, ...bodyAndFacts(e) };
}

export const EVENT_COLUMNS = ['id', 'type', 'occurred_at', 'received_at', 'employee', 'device_id', 'origin', 'body', 'facts'] as const;

/**
 * The ceiling: each batch's rows into `events` as one multi-row INSERT, straight through the driver (no
 * HTTP, no validation, no daily sums, no scoring), `perTransaction` batches to a transaction (1: each
 * batch its own, as a client committing what it sent; more: batches sharing commits as the server's group
 * commit lets them). `env` is what freshDatabase returned.
 */
export async function rawInsert(env: { CRMGUARD_DB?: string; DATABASE_URL?: string }, batches: EventRow[][], perTransaction = 1) {
  const transactions: EventRow[][][] = [];
  for (let i = 0; i < batches.length; i += perTransaction) transactions.push(batches.slice(i, i + perTransaction));
  if (env.DATABASE_URL) return rawPostgres(env.DATABASE_URL, transactions);
  const db = new SQLite(env.CRMGUARD_DB!);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statements = new Map<number, SQLite.Statement>();
  const insert = db.transaction((group: EventRow[][]) => {
    for (const rows of group) {
      let statement = statements.get(rows.length);
      if (!statement) {
        statement = db.prepare(`insert into events (${EVENT_COLUMNS.join(', ')}) values ${rows.map(() => `(${EVENT_COLUMNS.map(() => '?').join(', ')})`).join(', ')}`);
        statements.set(rows.length, statement);
      }
      statement.run(rowParams(rows));
    }
  });
  for (const group of transactions) insert(group);
  db.close();
}

/** A bare pg pool on the schema a benchmark's DATABASE_URL names (`?schema=`, which only the server reads). */
export function poolOnSchema(url: string, max: number): pg.Pool {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema')!;
  parsed.searchParams.delete('schema');
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return new pg.Pool({ connectionString: parsed.toString(), max });
}

/** One multi-row INSERT of `rows` events rows into PostgreSQL, its numbered parameters in `rowParams` order. */
export function postgresInsert(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => `(${EVENT_COLUMNS.map((_, c) => `$${r * EVENT_COLUMNS.length + c + 1}`).join(', ')})`);
  return `insert into events (${EVENT_COLUMNS.join(', ')}) values ${values.join(', ')}`;
}

/** The rows' values, row after row, column after column (EVENT_COLUMNS). */
export function rowParams(rows: readonly EventRow[]): string[] {
  return rows.flatMap((r) => EVENT_COLUMNS.map((c) => r[c]));
}

async function rawPostgres(url: string, transactions: EventRow[][][]) {
  // As many connections as the server's pool, each taking batches in turn: the database's ceiling, not one socket's.
  const pool = poolOnSchema(url, 10);
  let next = 0;
  const insert = (client: pg.ClientBase, rows: EventRow[]) => client.query(postgresInsert(rows.length), rowParams(rows));
  await Promise.all(Array.from({ length: 10 }, async () => {
    const client = await pool.connect();
    try {
      while (next < transactions.length) {
        const group = transactions[next++]!;
        // A lone statement is its own transaction: no begin and commit round trips for it.
        if (group.length === 1) {
          await insert(client, group[0]!);
          continue;
        }
        await client.query('begin');
        for (const rows of group) await insert(client, rows);
        await client.query('commit');
      }
    } finally {
      client.release();
    }
  }));
  await pool.end();
}
