import type { Kysely, Transaction } from 'kysely';
import type { EmployeeRisk } from '../../shared/risk';
import type { Database } from './schema';
import { inTransaction } from './transaction';

/** Saved scores and their daily history. */

type Db = Kysely<Database>;

export async function saveRisks(db: Db, risks: readonly EmployeeRisk[]) {
  await inTransaction(db, async (tx) => {
    // Many rows per statement: a full rescore of ten thousand people is a few dozen statements.
    for (let i = 0; i < risks.length; i += 150) {
      const chunk = risks.slice(i, i + 150);
      await tx.insertInto('risk_scores')
        .values(chunk.map((r) => ({ employee: r.employee, score: r.score, level: r.level, factors: JSON.stringify(r.factors), updated_at: r.updatedAt })))
        .onConflict((oc) => oc.column('employee').doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'), level: eb.ref('excluded.level'), factors: eb.ref('excluded.factors'), updated_at: eb.ref('excluded.updated_at'),
        })).where((eb) => eb('risk_scores.updated_at', '<=', eb.ref('excluded.updated_at'))))
        .execute();
      await tx.insertInto('risk_history')
        .values(chunk.map((r) => ({ employee: r.employee, day: r.updatedAt.slice(0, 10), score: r.score })))
        .onConflict((oc) => oc.columns(['employee', 'day']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score') })))
        .execute();
    }
  });
}

export async function saveRisk(db: Db, risk: EmployeeRisk) {
  await inTransaction(db, (tx) => writeRisk(tx, risk));
}

export async function listRisks(db: Db) {
  const rows = await db.selectFrom('risk_scores').selectAll().orderBy('score', 'desc').orderBy('employee').execute();
  return rows.map(toRisk);
}

export async function risk(db: Db, employee: string) {
  const row = await db.selectFrom('risk_scores').selectAll().where('employee', '=', employee).executeTakeFirst();
  return row && toRisk(row);
}

export async function risksOf(db: Db, employees: readonly string[]) {
  if (employees.length === 0) return new Map<string, EmployeeRisk>();
  const rows = await db.selectFrom('risk_scores').selectAll().where('employee', 'in', [...employees]).execute();
  return new Map(rows.map((r) => [r.employee, toRisk(r)]));
}

export async function riskHistory(db: Db, employee: string) {
  return db.selectFrom('risk_history').select(['day', 'score']).where('employee', '=', employee).orderBy('day').execute();
}

export async function rewriteRiskHistory(db: Db, employee: string, points: readonly { day: string; score: number }[]) {
  await inTransaction(db, async (tx) => {
    for (const { day, score } of points) {
      await tx.updateTable('risk_history').set({ score }).where('employee', '=', employee).where('day', '=', day).execute();
    }
  });
}

/** The current score and today's point of its history. */
async function writeRisk(tx: Transaction<Database>, risk: EmployeeRisk) {
  const factors = JSON.stringify(risk.factors);
  // A score computed for an earlier moment never replaces a later one (a full run racing an ingest).
  await tx.insertInto('risk_scores').values({ employee: risk.employee, score: risk.score, level: risk.level, factors, updated_at: risk.updatedAt })
    .onConflict((oc) => oc.column('employee').doUpdateSet({ score: risk.score, level: risk.level, factors, updated_at: risk.updatedAt })
      .where((eb) => eb('risk_scores.updated_at', '<=', risk.updatedAt)))
    .execute();
  await tx.insertInto('risk_history').values({ employee: risk.employee, day: risk.updatedAt.slice(0, 10), score: risk.score })
    .onConflict((oc) => oc.columns(['employee', 'day']).doUpdateSet({ score: risk.score })).execute();
}

export function toRisk(row: { employee: string; score: number; level: string; factors: string; updated_at: string }): EmployeeRisk {
  return { employee: row.employee, score: Number(row.score), level: row.level as EmployeeRisk['level'], factors: JSON.parse(row.factors), updatedAt: row.updated_at };
}
