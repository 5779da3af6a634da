import { sql, type Kysely } from 'kysely';
import { lockId } from './advisory-lock';
import { auditHash, GENESIS_HASH } from './audit-chain';
import type { Event } from '../../shared/events';
import type { Database } from './schema';
import { inTransaction } from './transaction';
import type { AlertNote, AuditEntry, AuditRecord, HandoverCheck } from './store';

type Db = Kysely<Database>;

/**
 * Appends one record to the audit chain. The last hash is read and the new row written in one
 * transaction; on PostgreSQL an advisory lock serialises appends from every server process, so two
 * can never chain onto the same predecessor.
 */
export async function appendAudit(db: Db, dialect: 'sqlite' | 'postgres', entry: AuditEntry, auditKey: string): Promise<AuditRecord> {
  return inTransaction(db, async (tx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${lockId('crmguard audit_log')})`.execute(tx);
    const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const fields = { seq: (last ? Number(last.seq) : 0) + 1, ...entry };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditHash(auditKey, prevHash, fields);
    await tx.insertInto('audit_log').values({ ...fields, details: JSON.stringify(entry.details), prev_hash: prevHash, hash }).execute();
    return { ...fields, prevHash, hash };
  });
}

/** Newest first, a page at a time. */
export async function listAudit(db: Db, filter: { limit: number; beforeSeq?: number }): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.beforeSeq) q = q.where('seq', '<', filter.beforeSeq);
  return (await q.orderBy('seq', 'desc').limit(filter.limit).execute()).map(toAuditRecord);
}

/** Oldest first, from `afterSeq`, for verifying the chain in pages. */
export async function auditChunk(db: Db, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(toAuditRecord);
}

export async function addAlertNote(db: Db, note: AlertNote) {
  await db.insertInto('alert_notes').values({ id: note.id, alert_id: note.alertId, author: note.author, body: note.body, created_at: note.createdAt }).execute();
}

export async function alertNotes(db: Db, alertId: string): Promise<AlertNote[]> {
  const rows = await db.selectFrom('alert_notes').selectAll().where('alert_id', '=', alertId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, alertId: r.alert_id, author: r.author, body: r.body, createdAt: r.created_at }));
}

/** Events by id, without their fingerprints, oldest first: the evidence behind an alert. */
export async function eventsByIds(db: Db, ids: readonly string[]): Promise<Event[]> {
  const events: Event[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const rows = await db.selectFrom('events').select(['body', 'facts']).where('id', 'in', ids.slice(i, i + 200)).execute();
    events.push(...rows.map((r) => JSON.parse(r.facts ?? r.body) as Event));
  }
  return events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

export async function alertStatusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('alerts').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function handoverChecks(db: Db, employee: string): Promise<HandoverCheck[]> {
  const rows = await db.selectFrom('handover_checks').selectAll().where('employee', '=', employee).execute();
  return rows.map((r) => ({ item: r.item, doneBy: r.done_by, doneAt: r.done_at }));
}

/** Makes exactly `done` the ticked items: new ones are stamped, kept ones keep their stamp, the rest are cleared. */
export async function setHandoverChecks(db: Db, employee: string, done: readonly string[], by: string, at: string) {
  await db.transaction().execute(async (tx) => {
    let clear = tx.deleteFrom('handover_checks').where('employee', '=', employee);
    if (done.length) clear = clear.where('item', 'not in', done);
    await clear.execute();
    if (done.length) {
      await tx.insertInto('handover_checks').values(done.map((item) => ({ employee, item, done_by: by, done_at: at })))
        .onConflict((oc) => oc.columns(['employee', 'item']).doNothing()).execute();
    }
  });
}

function toAuditRecord(row: { seq: number; at: string; actor: string; action: string; target: string; details: string; prev_hash: string; hash: string }): AuditRecord {
  return { seq: Number(row.seq), at: row.at, actor: row.actor, action: row.action, target: row.target, details: JSON.parse(row.details), prevHash: row.prev_hash, hash: row.hash };
}
