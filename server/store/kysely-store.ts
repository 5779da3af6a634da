import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import type { AlertSeverity, AlertStatus } from '../../shared/api';
import type { LineageMatch } from '../risk/lineage';
import { eventsWithFingerprints, loadScoringData, saveLineage, type ScoringRange } from './activity';
import { attachJustification, deviceByTokenHash, deviceTokenHash, listDevices, recordUninstall, type DeviceTouch } from './devices';
import { lockId, lockIdOf } from './advisory-lock';
import { migrationProvider } from './migrations';
import { KyselyOutbox } from './outbox';
import { EventWriter, writeEvents } from './event-writer';
import { inTransaction } from './transaction';
import { purgeBefore } from './retention';
import type { AlertsTable, Database } from './schema';
import * as records from './console-records';
import * as people from './people';
import type { Alert, AlertChange, AlertFilter, AlertNote, AlertUpsert, AuditEntry, Device, EventFilter, HrSignalRecord, NewUser, Role, Store, StoredEvent } from './store';

const SEVERITY_ORDER: AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

/** Far above a round's few queries; only a lock held by something stuck waits this long. */
const EMPLOYEE_LOCK_TIMEOUT_MS = 30_000;

/** The Store over Kysely; the dialect-specific files only open the connection. */
export class KyselyStore implements Store {
  readonly outbox: KyselyOutbox;
  private readonly writer: EventWriter | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    /** How long a rescore waits for another's employee locks (PostgreSQL) before it fails and is retried. */
    private readonly employeeLockTimeoutMs = EMPLOYEE_LOCK_TIMEOUT_MS,
  ) {
    this.outbox = new KyselyOutbox(db);
    // Group commit for the root store; one bound to a transaction writes in it. SQLite has one connection,
    // so one transaction at a time; PostgreSQL's pool (ten) lets a few groups write at once.
    this.writer = db.isTransaction ? undefined : new EventWriter(db, dialect === 'postgres' ? 3 : 1);
  }

  purgeBefore(cutoff: string) {
    return purgeBefore(this.db, cutoff);
  }

  async migrate() {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider, migrationTableSchema: await this.ownSchema() });
    for (let attempt = 1; ; attempt++) {
      const { error, results } = await migrator.migrateToLatest();
      // Kysely's migrator looks for its tables across every schema of the database (has_schema_privilege,
      // pg_get_serial_sequence); one that another deployment or test run drops meanwhile fails the lookup
      // with 3F000 (invalid_schema_name). Looking again no longer sees the dropped schema.
      if (error && (error as { code?: string }).code === '3F000' && attempt < 5) {
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      const failed = results?.find((r) => r.status === 'Error');
      if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
      return;
    }
  }

  /**
   * PostgreSQL: the schema this connection creates its tables in. Kysely's migrator must be told it, or it
   * takes bookkeeping tables found in any schema of the database (another deployment's, another test run's).
   */
  private async ownSchema() {
    if (this.dialect !== 'postgres') return undefined;
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(this.db);
    return rows[0]?.schema ?? undefined;
  }

  close() {
    return this.db.destroy();
  }

  async withEmployeeLocks<T>(employees: readonly string[], work: (store: Store) => Promise<T>): Promise<T> {
    // SQLite serves one process, and rescore.ts already runs one rescore per employee at a time in it.
    if (this.dialect !== 'postgres' || this.db.isTransaction) return work(this);
    const keys = [...new Set(employees)].map((employee) => `employee\n${employee}`);
    return this.db.transaction().execute(async (tx) => {
      // A rescore stuck behind a lock that is never released (a hung transaction elsewhere) would hold its
      // request, and every later round of this server, for ever: it fails instead (lock_not_available, a
      // 503 for the request that waited) and is retried with backoff.
      await sql`select set_config('lock_timeout', ${`${this.employeeLockTimeoutMs}ms`}, true)`.execute(tx);
      // One round trip for all, in the order of the lock ids: every process takes overlapping sets in
      // the same order, so none waits for another that waits for it. (A subquery with ORDER BY is not
      // flattened, so the locks are taken as the sorted rows come out.)
      await sql`select count(pg_advisory_xact_lock(id)) from (select ${lockIdOf(sql.ref('key'))} as id from unnest(cast(${keys} as text[])) as key order by id) as sorted`.execute(tx);
      return work(new KyselyStore(tx, this.dialect, this.employeeLockTimeoutMs));
    });
  }

  async runExclusively(name: string, work: () => Promise<void>): Promise<boolean> {
    if (this.dialect !== 'postgres') {
      await work();
      return true;
    }
    // A session lock on one pinned connection: it is released even if this process dies mid-run.
    return this.db.connection().execute(async (conn) => {
      const key = lockId(`exclusive\n${name}`);
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
      if (!rows[0]?.locked) return false;
      try {
        await work();
        return true;
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  }

  /** A transaction, or the caller's when this store is already bound to one (`withEmployeeLock`). */
  private inTransaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }

  async ping() {
    await sql`select 1`.execute(this.db);
  }

  async getSetting(key: string) {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async initSetting(key: string, value: string) {
    await this.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return (await this.getSetting(key))!;
  }

  async setSetting(key: string, value: string) {
    await this.db.insertInto('settings').values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }

  async createDevice(device: Device, tokenHash: string, userAgent: string | null) {
    await this.db.insertInto('devices').values({
      id: device.id,
      token_hash: tokenHash,
      employee: device.employee,
      name: device.name,
      user_agent: userAgent,
      extension_version: device.extensionVersion,
      enrolled_at: device.enrolledAt,
      last_seen_at: device.lastSeenAt,
    }).execute();
  }

  deviceByTokenHash(tokenHash: string) {
    return deviceByTokenHash(this.db, tokenHash);
  }

  deviceTokenHash(id: string) {
    return deviceTokenHash(this.db, id);
  }

  recordUninstall(id: string, at: string) {
    return recordUninstall(this.db, id, at);
  }

  listDevices(employee?: string) {
    return listDevices(this.db, employee);
  }

  attachJustification(employee: string, eventId: string, justification: string) {
    return attachJustification(this.db, employee, eventId, justification);
  }

  async insertEvents(deviceId: string, events: readonly Event[], receivedAt: string, touch?: DeviceTouch) {
    if (events.length === 0) return { inserted: [], duplicate: 0 };
    const batch = { deviceId, events, receivedAt, touch };
    return this.writer ? this.writer.insert(batch) : (await writeEvents(this.db, [batch]))[0]!;
  }

  eventWrites() {
    return { ...(this.writer?.counts ?? { transactions: 0, batches: 0 }) };
  }

  async listEvents(filter: EventFilter): Promise<StoredEvent[]> {
    let q = this.db.selectFrom('events').select(['body', 'device_id', 'received_at']);
    if (filter.employee) q = q.where('employee', '=', filter.employee);
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.since) q = q.where('occurred_at', '>=', new Date(filter.since).toISOString());
    const rows = await q.orderBy('occurred_at', 'desc').orderBy('id').limit(filter.limit).execute();
    return rows.map((r) => ({ event: parseEvent(r.body), deviceId: r.device_id, receivedAt: r.received_at }));
  }

  async employeeEvents(employee: string, since: string) {
    const rows = await this.db.selectFrom('events').select('body')
      .where('employee', '=', employee).where('occurred_at', '>=', since)
      .orderBy('occurred_at').execute();
    return rows.map((r) => parseEvent(r.body));
  }

  scoringData(employees: readonly string[] | 'all', range: ScoringRange) {
    return loadScoringData(this.db, this.dialect, employees, range);
  }

  eventsWithFingerprints(employee: string, types: readonly string[], from: string, to: string) {
    return eventsWithFingerprints(this.db, employee, types, from, to);
  }

  saveLineage(employee: string, event: Event, match: LineageMatch | undefined) {
    return saveLineage(this.db, employee, event, match);
  }

  async setDepartments(entries: readonly { employee: string; department: string }[], now: string) {
    await this.inTransaction((tx) => writeDepartments(tx, entries, now));
  }

  async departments() {
    const rows = await this.db.selectFrom('directory').select(['employee', 'department']).execute();
    return new Map(rows.map((r) => [r.employee, r.department]));
  }

  async knownEmployees() {
    const rows = await this.db.selectFrom('activity_days').select('employee').distinct()
      .union(this.db.selectFrom('risk_scores').select('employee')).execute();
    return rows.map((r) => r.employee).sort();
  }

  async allHrSignals() {
    return hrSignalsByEmployee(await this.db.selectFrom('hr_signals').selectAll().orderBy('effective_date').execute());
  }

  async saveRisks(risks: readonly EmployeeRisk[]) {
    await this.inTransaction(async (tx) => {
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

  async countEvents() {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async addApiToken(tokenHash: string, role: Role, label: string, createdBy?: string) {
    await this.db.insertInto('api_tokens').values({ token_hash: tokenHash, role, label, created_at: new Date().toISOString(), created_by: createdBy ?? null })
      .onConflict((oc) => oc.column('token_hash').doNothing()).execute();
  }

  async roleForApiToken(tokenHash: string) {
    const row = await this.db.selectFrom('api_tokens').select('role').where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
    return row?.role as Role | undefined;
  }

  listApiTokens() { return people.listApiTokens(this.db); }
  revokeApiToken(id: string, at: string) { return people.revokeApiToken(this.db, id, at); }
  createUser(user: NewUser) { return people.createUser(this.db, user); }
  userByName(username: string) { return people.userByName(this.db, username); }
  listUsers() { return people.listUsers(this.db); }
  setUserDisabled(id: string, disabledAt: string | null) { return people.setUserDisabled(this.db, id, disabledAt); }
  recordLoginFailure(keys: readonly string[], at: string) { return people.recordLoginFailure(this.db, keys, at); }
  countLoginFailures(key: string, since: string) { return people.countLoginFailures(this.db, key, since); }
  clearLoginFailures(key: string, olderThan: string) { return people.clearLoginFailures(this.db, key, olderThan); }
  appendAudit(entry: AuditEntry) { return records.appendAudit(this.db, this.dialect, entry); }
  listAudit(filter: { limit: number; beforeSeq?: number }) { return records.listAudit(this.db, filter); }
  auditChunk(afterSeq: number, limit: number) { return records.auditChunk(this.db, afterSeq, limit); }
  addAlertNote(note: AlertNote) { return records.addAlertNote(this.db, note); }
  alertNotes(alertId: string) { return records.alertNotes(this.db, alertId); }
  eventsByIds(ids: readonly string[]) { return records.eventsByIds(this.db, ids); }
  alertStatusCounts() { return records.alertStatusCounts(this.db); }
  handoverChecks(employee: string) { return records.handoverChecks(this.db, employee); }
  setHandoverChecks(employee: string, done: readonly string[], by: string, at: string) { return records.setHandoverChecks(this.db, employee, done, by, at); }

  async createSession(idHash: string, role: Role, subject: string, expiresAt: string, userId?: string) {
    await this.db.insertInto('sessions').values({ id_hash: idHash, role, subject, created_at: new Date().toISOString(), expires_at: expiresAt, user_id: userId ?? null }).execute();
  }

  sessionByIdHash(idHash: string, now: string) { return people.sessionByIdHash(this.db, idHash, now); }
  deleteExpiredSessions(now: string) { return people.deleteExpiredSessions(this.db, now); }

  async deleteSession(idHash: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async addHrSignal(signal: HrSignalRecord) {
    const done = await this.db.insertInto('hr_signals').values({
      id: signal.id,
      employee: signal.employee,
      kind: signal.kind,
      effective_date: signal.effectiveDate,
      source: signal.source,
      created_at: signal.createdAt,
    }).onConflict((oc) => oc.columns(['employee', 'kind', 'effective_date']).doNothing()).returning('id').execute();
    return done.length > 0;
  }

  async importHr(signals: readonly HrSignalRecord[], departments: readonly { employee: string; department: string }[], now: string) {
    return this.inTransaction(async (tx) => {
      let added = 0;
      for (let i = 0; i < signals.length; i += 200) {
        const rows = signals.slice(i, i + 200).map((s) => ({ id: s.id, employee: s.employee, kind: s.kind, effective_date: s.effectiveDate, source: s.source, created_at: s.createdAt }));
        const done = await tx.insertInto('hr_signals').values(rows)
          .onConflict((oc) => oc.columns(['employee', 'kind', 'effective_date']).doNothing()).returning('id').execute();
        added += done.length;
      }
      await writeDepartments(tx, departments, now);
      return added;
    });
  }

  async hrSignals(employee: string): Promise<HrSignalRecord[]> {
    return (await this.hrSignalsOf([employee])).get(employee) ?? [];
  }

  async hrSignalsOf(employees: readonly string[]) {
    if (employees.length === 0) return new Map<string, HrSignalRecord[]>();
    const rows = await this.db.selectFrom('hr_signals').selectAll().where('employee', 'in', [...employees]).orderBy('effective_date').execute();
    return hrSignalsByEmployee(rows);
  }

  async saveRisk(risk: EmployeeRisk) {
    await this.inTransaction((tx) => writeRisk(tx, risk));
  }

  async listRisks() {
    const rows = await this.db.selectFrom('risk_scores').selectAll().orderBy('score', 'desc').orderBy('employee').execute();
    return rows.map(toRisk);
  }

  async risk(employee: string) {
    const row = await this.db.selectFrom('risk_scores').selectAll().where('employee', '=', employee).executeTakeFirst();
    return row && toRisk(row);
  }

  async risksOf(employees: readonly string[]) {
    if (employees.length === 0) return new Map<string, EmployeeRisk>();
    const rows = await this.db.selectFrom('risk_scores').selectAll().where('employee', 'in', [...employees]).execute();
    return new Map(rows.map((r) => [r.employee, toRisk(r)]));
  }

  async riskHistory(employee: string) {
    return this.db.selectFrom('risk_history').select(['day', 'score']).where('employee', '=', employee).orderBy('day').execute();
  }

  async rewriteRiskHistory(employee: string, points: readonly { day: string; score: number }[]) {
    await this.inTransaction(async (tx) => {
      for (const { day, score } of points) {
        await tx.updateTable('risk_history').set({ score }).where('employee', '=', employee).where('day', '=', day).execute();
      }
    });
  }

  async upsertOpenAlert(candidate: AlertUpsert, now: string) {
    return this.inTransaction(async (tx): Promise<Alert | undefined> => {
      // Serialises upserts of one employee and pattern across connections and server processes: without
      // it, two could both find no open alert and the second insert would break the one-open-alert index.
      // SQLite needs none: it serves one process, and Kysely runs its transactions one at a time.
      if (this.dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(${lockId(`alert\n${candidate.employee}\n${candidate.pattern}`)})`.execute(tx);
      }
      const closed = await tx.selectFrom('alerts').select('trigger_ids')
        .where('employee', '=', candidate.employee).where('pattern', '=', candidate.pattern)
        .where('status', 'not in', ['open', 'investigating']).execute();
      const covered = new Set(closed.flatMap((r) => JSON.parse(r.trigger_ids) as string[]));
      if (candidate.triggerIds.every((id) => covered.has(id))) return undefined;
      const open = await tx.selectFrom('alerts').selectAll()
        .where('employee', '=', candidate.employee).where('pattern', '=', candidate.pattern)
        .where('status', 'in', ['open', 'investigating']).executeTakeFirst();
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
        };
        await tx.insertInto('alerts').values(row).execute();
        return toAlert(row);
      }
      const previous = toAlert(open);
      const severity = SEVERITY_ORDER[Math.max(SEVERITY_ORDER.indexOf(previous.severity), SEVERITY_ORDER.indexOf(candidate.severity))]!;
      const change = {
        severity,
        title: candidate.title,
        event_ids: JSON.stringify([...new Set([...previous.eventIds, ...candidate.eventIds])]),
        trigger_ids: JSON.stringify([...new Set([...previous.triggerIds, ...candidate.triggerIds])]),
        details: JSON.stringify(candidate.details),
        updated_at: now,
      };
      await tx.updateTable('alerts').set(change).where('id', '=', open.id).execute();
      return toAlert({ ...open, ...change });
    });
  }

  async listAlerts(filter: AlertFilter) {
    let q = this.db.selectFrom('alerts').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.employee) q = q.where('employee', '=', filter.employee);
    if (filter.severity) q = q.where('severity', '=', filter.severity);
    if (filter.pattern) q = q.where('pattern', '=', filter.pattern);
    if (filter.from) q = q.where('updated_at', '>=', filter.from);
    if (filter.to) q = q.where('updated_at', '<', filter.to);
    const rows = await q.orderBy('updated_at', 'desc').limit(1000).execute();
    return rows.map(toAlert);
  }

  async alert(id: string) {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAlert(row);
  }

  async updateAlert(id: string, change: AlertChange, now: string) {
    const set: Partial<Selectable<AlertsTable>> = { updated_at: now };
    if (change.status !== undefined) set.status = change.status;
    if (change.assignee !== undefined) set.assignee = change.assignee;
    if (change.reason !== undefined) set.reason = change.reason;
    const done = await this.db.updateTable('alerts').set(set).where('id', '=', id).executeTakeFirst();
    return Number(done.numUpdatedRows) > 0 ? this.alert(id) : undefined;
  }
}

async function writeDepartments(tx: Transaction<Database>, entries: readonly { employee: string; department: string }[], now: string) {
  for (let i = 0; i < entries.length; i += 200) {
    const rows = entries.slice(i, i + 200).map((e) => ({ employee: e.employee, department: e.department, updated_at: now }));
    await tx.insertInto('directory').values(rows)
      .onConflict((oc) => oc.column('employee').doUpdateSet((eb) => ({ department: eb.ref('excluded.department'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
  }
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

function parseEvent(body: string): Event {
  return JSON.parse(body) as Event;
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

function toRisk(row: { employee: string; score: number; level: string; factors: string; updated_at: string }): EmployeeRisk {
  return { employee: row.employee, score: Number(row.score), level: row.level as EmployeeRisk['level'], factors: JSON.parse(row.factors), updatedAt: row.updated_at };
}

function toAlert(row: Selectable<AlertsTable>): Alert {
  return {
    id: row.id,
    employee: row.employee,
    pattern: row.pattern,
    severity: row.severity as AlertSeverity,
    status: row.status as AlertStatus,
    title: row.title,
    eventIds: JSON.parse(row.event_ids),
    triggerIds: JSON.parse(row.trigger_ids),
    details: JSON.parse(row.details),
    assignee: row.assignee,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
