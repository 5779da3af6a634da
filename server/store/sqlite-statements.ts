import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared: the store's queries, with a shape per row count of its multi-row inserts. */
const CAPACITY = 500;

/**
 * The connection as Kysely's SQLite dialect sees it, with prepared statements reused by their SQL text.
 * Kysely prepares every query it runs, and preparing a 100-row INSERT (900 parameters) costs SQLite about
 * a tenth of what a busy server's ingest spends. Safe because every statement runs to completion at once
 * (`all` or `run`, never a live iterator); SQLite re-prepares one by itself when a migration changes its
 * tables. The least recently used is dropped beyond CAPACITY.
 */
export function reusingStatements(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= CAPACITY) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
