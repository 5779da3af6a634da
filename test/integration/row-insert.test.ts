import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowInsert } from '../../server/store/row-insert';
import { freshSchemaUrl, postgresSkipNotice, postgresUnavailable } from './test-stores';

// The statement reuse under the event, record-view and daily-sum inserts, on both dialects.
interface Tables { tally: { name: string; n: number; note: string } }
type Row = Tables['tally'];

const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('rowInsert on PostgreSQL', pgUnavailable));

describe('rowInsert on SQLite', () => rowInsertContract(async () => {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  return { db, drop: () => db.destroy() };
}));

describe.skipIf(pgUnavailable !== undefined)('rowInsert on PostgreSQL', () => rowInsertContract(async () => {
  const schema = freshSchemaUrl();
  const url = new URL(schema.url);
  url.searchParams.delete('schema');
  url.searchParams.set('options', `-c search_path=${schema.schema}`);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) });
  await sql`create schema ${sql.id(schema.schema)}`.execute(db);
  return { db, drop: async () => { await db.destroy(); await schema.drop(); } };
}));

function rowInsertContract(open: () => Promise<{ db: Kysely<Tables>; drop: () => Promise<void> }>) {
  let db: Kysely<Tables>;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await open());
    await db.schema.createTable('tally').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull()).execute();
  });
  afterEach(() => drop());

  const upsert = rowInsert<Row, { name: string }, Tables>(['name', 'n', 'note'], (d, rows) => d.insertInto('tally').values(rows)
    .onConflict((oc) => oc.column('name').doUpdateSet({ n: sql<number>`tally.n + excluded.n` })).returning('name'));
  const all = () => db.selectFrom('tally').selectAll().orderBy('name').execute();

  it('sends each call its own values through the text compiled for its row count', async () => {
    expect(await upsert(db, [{ name: 'a', n: 1, note: "it's" }, { name: 'b', n: 2, note: 'x' }])).toHaveLength(2);
    await upsert(db, [{ name: 'c', n: 3, note: 'y' }, { name: 'a', n: 10, note: 'ignored' }]);
    await upsert(db, [{ name: 'd', n: 4, note: 'z' }]);
    await db.transaction().execute((tx) => upsert(tx, [{ name: 'b', n: 20, note: '' }]));
    expect(await all()).toEqual([
      { name: 'a', n: 11, note: "it's" }, { name: 'b', n: 22, note: 'x' }, { name: 'c', n: 3, note: 'y' }, { name: 'd', n: 4, note: 'z' },
    ]);
  });

  it('refuses columns listed in another order than the rows give them, before writing anything', async () => {
    const misordered = rowInsert<Row, unknown, Tables>(['n', 'name', 'note'], (d, rows) => d.insertInto('tally').values(rows));
    await expect(misordered(db, [{ name: 'a', n: 1, note: 'x' }])).rejects.toThrow(/not the compiled statement's parameters in order/);
    expect(await all()).toEqual([]);
  });

  it('refuses a database whose plugins or schema would compile other SQL than the cached text', async () => {
    await expect(upsert(db.withSchema('elsewhere'), [{ name: 'a', n: 1, note: 'x' }])).rejects.toThrow(/plugins or withSchema/);
    expect(await all()).toEqual([]);
  });

  it('refuses an undefined value, which a reused text would write as NULL instead of DEFAULT', async () => {
    await upsert(db, [{ name: 'a', n: 1, note: 'x' }]);
    await expect(upsert(db, [{ name: 'b', n: 2, note: undefined as unknown as string }])).rejects.toThrow(/note is undefined/);
    expect(await all()).toEqual([{ name: 'a', n: 1, note: 'x' }]);
  });
}
