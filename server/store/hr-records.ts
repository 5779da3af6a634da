import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './schema';
import { inTransaction } from './transaction';
import type { DirectoryEntry, HrSignalRecord } from './store';

/** HR signals and the directory (department, job title, manager, hire date). */

type Db = Kysely<Database>;

export async function departments(db: Db) {
  const rows = await db.selectFrom('directory').select(['employee', 'department']).execute();
  return new Map(rows.map((r) => [r.employee, r.department]));
}

export async function setDirectory(db: Db, entries: readonly DirectoryEntry[], now: string) {
  await inTransaction(db, (tx) => writeDirectory(tx, entries, now));
}

export async function directory(db: Db): Promise<Map<string, DirectoryEntry>> {
  const rows = await db.selectFrom('directory').select(['employee', 'department', 'job_title', 'manager', 'hired_on']).execute();
  return new Map(rows.map((r) => [r.employee, { employee: r.employee, department: r.department, jobTitle: r.job_title, manager: r.manager, hiredOn: r.hired_on }]));
}

export async function allHrSignals(db: Db) {
  return hrSignalsByEmployee(await db.selectFrom('hr_signals').selectAll().orderBy('effective_date').execute());
}

export async function addHrSignal(db: Db, signal: HrSignalRecord) {
  const done = await db.insertInto('hr_signals').values({
    id: signal.id,
    employee: signal.employee,
    kind: signal.kind,
    effective_date: signal.effectiveDate,
    source: signal.source,
    created_at: signal.createdAt,
  }).onConflict((oc) => oc.columns(['employee', 'kind', 'effective_date']).doNothing()).returning('id').execute();
  return done.length > 0;
}

export async function importHr(db: Db, signals: readonly HrSignalRecord[], entries: readonly DirectoryEntry[], now: string) {
  return inTransaction(db, async (tx) => {
    let added = 0;
    for (let i = 0; i < signals.length; i += 200) {
      const rows = signals.slice(i, i + 200).map((s) => ({ id: s.id, employee: s.employee, kind: s.kind, effective_date: s.effectiveDate, source: s.source, created_at: s.createdAt }));
      const done = await tx.insertInto('hr_signals').values(rows)
        .onConflict((oc) => oc.columns(['employee', 'kind', 'effective_date']).doNothing()).returning('id').execute();
      added += done.length;
    }
    await writeDirectory(tx, entries, now);
    return added;
  });
}

export async function hrSignals(db: Db, employee: string): Promise<HrSignalRecord[]> {
  return (await hrSignalsOf(db, [employee])).get(employee) ?? [];
}

export async function hrSignalsOf(db: Db, employees: readonly string[]) {
  if (employees.length === 0) return new Map<string, HrSignalRecord[]>();
  const rows = await db.selectFrom('hr_signals').selectAll().where('employee', 'in', [...employees]).orderBy('effective_date').execute();
  return hrSignalsByEmployee(rows);
}

/**
 * Upserts directory entries. What an entry does not say (undefined: a department-only import after SCIM) keeps
 * what the directory knew; null clears it (the identity provider removed a hire date).
 */
async function writeDirectory(tx: Transaction<Database>, entries: readonly DirectoryEntry[], now: string) {
  for (const [field, column] of [['jobTitle', 'job_title'], ['manager', 'manager'], ['hiredOn', 'hired_on']] as const) {
    const cleared = entries.filter((e) => e[field] === null).map((e) => e.employee);
    for (let i = 0; i < cleared.length; i += 200) await tx.updateTable('directory').set({ [column]: null }).where('employee', 'in', cleared.slice(i, i + 200)).execute();
  }
  for (let i = 0; i < entries.length; i += 200) {
    const rows = entries.slice(i, i + 200).map((e) => ({
      employee: e.employee, department: e.department, job_title: e.jobTitle ?? null, manager: e.manager ?? null, hired_on: e.hiredOn ?? null, updated_at: now,
    }));
    await tx.insertInto('directory').values(rows)
      .onConflict((oc) => oc.column('employee').doUpdateSet((eb) => ({
        department: eb.ref('excluded.department'),
        job_title: eb.fn.coalesce('excluded.job_title', 'directory.job_title'),
        manager: eb.fn.coalesce('excluded.manager', 'directory.manager'),
        hired_on: eb.fn.coalesce('excluded.hired_on', 'directory.hired_on'),
        updated_at: eb.ref('excluded.updated_at'),
      })))
      .execute();
  }
}

function hrSignalsByEmployee(rows: readonly Selectable<Database['hr_signals']>[]): Map<string, HrSignalRecord[]> {
  const byEmployee = new Map<string, HrSignalRecord[]>();
  for (const r of rows) {
    const list = byEmployee.get(r.employee) ?? [];
    list.push({ id: r.id, employee: r.employee, kind: r.kind as HrSignalRecord['kind'], effectiveDate: r.effective_date, source: r.source, createdAt: r.created_at });
    byEmployee.set(r.employee, list);
  }
  return byEmployee;
}
