import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertSeverity, AlertStatus } from '../../shared/api';
import { lockId } from './advisory-lock';
import type { AlertsTable, Database } from './schema';
import { inTransaction } from './transaction';
import type { Alert, AlertChange, AlertFilter, AlertReason, AlertUpsert } from './store';

/** Alerts: one open per employee (a case) or per employee and pattern, widened by new evidence, and their triage. */

type Db = Kysely<Database>;

const SEVERITY_ORDER: AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

export async function upsertOpenAlert(db: Db, dialect: 'sqlite' | 'postgres', candidate: AlertUpsert, now: string) {
  return inTransaction(db, async (tx): Promise<Alert | undefined> => {
    // A case is one open alert per employee, whatever its pattern; otherwise one per employee and pattern.
    const patterns = candidate.patterns ?? [candidate.pattern];
    // Serialises upserts of one employee and pattern (or case) across connections and server processes:
    // without it, two could both find no open alert and the second insert would break the one-open-alert
    // index. SQLite needs none: it serves one process, and Kysely runs its transactions one at a time.
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${lockId(`alert\n${candidate.employee}\n${candidate.patterns ? '(case)' : candidate.pattern}`)})`.execute(tx);
    }
    const closed = await tx.selectFrom('alerts').select('trigger_ids')
      .where('employee', '=', candidate.employee).where('pattern', 'in', patterns)
      .where('status', 'not in', ['open', 'investigating']).execute();
    const covered = new Set(closed.flatMap((r) => JSON.parse(r.trigger_ids) as string[]));
    if (candidate.triggerIds.every((id) => covered.has(id))) return undefined;
    let openQuery = tx.selectFrom('alerts').selectAll()
      .where('employee', '=', candidate.employee).where('status', 'in', ['open', 'investigating']);
    if (!candidate.patterns) openQuery = openQuery.where('pattern', '=', candidate.pattern);
    const [open, ...duplicates] = await openQuery.orderBy('created_at').orderBy('id').execute();
    const columns = { patterns: candidate.patterns ? JSON.stringify(candidate.patterns) : null, score: candidate.score ?? null };
    if (!open) {
      const row = {
        id: randomUUID(),
        employee: candidate.employee,
        pattern: candidate.pattern,
        severity: candidate.severity,
        status: 'open',
        title: candidate.title,
        event_ids: JSON.stringify(candidate.eventIds),
        trigger_ids: JSON.stringify(candidate.triggerIds),
        details: JSON.stringify(candidate.details),
        assignee: null,
        reason: null,
        created_at: now,
        updated_at: now,
        triaged_at: null,
        ...columns,
      };
      await tx.insertInto('alerts').values(row).execute();
      return toAlert(row);
    }
    // Open alerts of this employee from before cases: merged into the oldest, and closed as merged.
    const merged = [open, ...duplicates].map(toAlert);
    for (const duplicate of duplicates) {
      await tx.updateTable('alerts').set({ status: 'resolved', reason: `Merged into case ${open.id}`, updated_at: now }).where('id', '=', duplicate.id).execute();
    }
    const severity = SEVERITY_ORDER[Math.max(...merged.map((a) => SEVERITY_ORDER.indexOf(a.severity)), SEVERITY_ORDER.indexOf(candidate.severity))]!;
    const change = {
      pattern: candidate.pattern,
      severity,
      title: candidate.title,
      event_ids: JSON.stringify([...new Set([...merged.flatMap((a) => a.eventIds), ...candidate.eventIds])]),
      trigger_ids: JSON.stringify([...new Set([...merged.flatMap((a) => a.triggerIds), ...candidate.triggerIds])]),
      details: JSON.stringify(candidate.details),
      updated_at: now,
      ...(candidate.patterns ? columns : {}),
    };
    await tx.updateTable('alerts').set(change).where('id', '=', open.id).execute();
    return toAlert({ ...open, ...change });
  });
}

/** The alerts `filter` selects, unordered: what a list and its count share. */
export function filteredAlerts(db: Db, filter: AlertFilter) {
  let q = db.selectFrom('alerts');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.employee) q = q.where('employee', '=', filter.employee);
  if (filter.severity) q = q.where('severity', '=', filter.severity);
  const pattern = filter.pattern;
  if (pattern) q = q.where((eb) => eb.or([eb('pattern', '=', pattern), eb('patterns', 'like', `%"${pattern}"%`)]));
  if (filter.from) q = q.where('updated_at', '>=', filter.from);
  if (filter.to) q = q.where('updated_at', '<', filter.to);
  return q;
}

export async function listAlerts(db: Db, filter: AlertFilter) {
  let q = filteredAlerts(db, filter).selectAll();
  const dir = filter.dir ?? (filter.sort === 'assignee' || filter.sort === 'status' ? 'asc' : 'desc');
  const rank = sql<number>`case ${sql.ref('severity')} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;
  const score = sql<number>`coalesce(${sql.ref('score')}, -1)`;
  switch (filter.sort) {
    case 'severity': q = q.orderBy(rank, dir).orderBy(score, dir); break;
    case 'score': q = q.orderBy(score, dir).orderBy(rank, dir); break;
    // Age: the oldest first when descending, as "oldest" is the most urgent.
    case 'age': q = q.orderBy('created_at', dir === 'desc' ? 'asc' : 'desc'); break;
    case 'updated': q = q.orderBy('updated_at', dir); break;
    case 'status': q = q.orderBy('status', dir).orderBy(rank, 'desc'); break;
    case 'assignee': q = q.orderBy(sql`coalesce(${sql.ref('assignee')}, '')`, dir).orderBy(rank, 'desc'); break;
    case undefined: break;
  }
  const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(Math.min(filter.limit ?? 1000, 1000)).offset(filter.offset ?? 0).execute();
  return rows.map(toAlert);
}

export async function alert(db: Db, id: string) {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAlert(row);
}

export async function updateAlert(db: Db, id: string, change: AlertChange, now: string) {
  const set: Partial<Selectable<AlertsTable>> = { updated_at: now };
  if (change.status !== undefined) set.status = change.status;
  if (change.assignee !== undefined) set.assignee = change.assignee;
  if (change.reason !== undefined) set.reason = change.reason;
  const done = await db.updateTable('alerts').set(set).where('id', '=', id).executeTakeFirst();
  // The first decision or move to investigating ends the time to triage; reopening does not restart it.
  if (change.status !== undefined && change.status !== 'open') {
    await db.updateTable('alerts').set({ triaged_at: now }).where('id', '=', id).where('triaged_at', 'is', null).execute();
  }
  return Number(done.numUpdatedRows) > 0 ? alert(db, id) : undefined;
}

function toAlert(row: Selectable<AlertsTable>): Alert {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const reasons = details.patterns;
  return {
    id: row.id,
    employee: row.employee,
    pattern: row.pattern,
    severity: row.severity as AlertSeverity,
    status: row.status as AlertStatus,
    title: row.title,
    eventIds: JSON.parse(row.event_ids),
    triggerIds: JSON.parse(row.trigger_ids),
    details,
    assignee: row.assignee,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    patterns: Array.isArray(reasons) && reasons.length > 0 ? (reasons as AlertReason[]) : [{ pattern: row.pattern, severity: row.severity as AlertSeverity, title: row.title }],
    score: row.score === null ? null : Number(row.score),
    triagedAt: row.triaged_at,
  };
}
