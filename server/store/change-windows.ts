import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import type { ChangeWindowRecord } from './store';

type Db = Kysely<Database> | Transaction<Database>;

export async function addChangeWindow(db: Db, window: ChangeWindowRecord): Promise<void> {
  await db.insertInto('change_windows').values({
    id: window.id, employees: JSON.stringify(window.employees), from_day: window.from, to_day: window.to,
    reason: window.reason, created_by: window.createdBy, created_at: window.createdAt,
  }).execute();
}

export async function changeWindows(db: Db): Promise<ChangeWindowRecord[]> {
  const rows = await db.selectFrom('change_windows').selectAll().orderBy('from_day').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, employees: JSON.parse(r.employees) as string[], from: r.from_day, to: r.to_day, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at }));
}
