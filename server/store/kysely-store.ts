import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import type { LineageMatch } from '../risk/lineage';
import { eventsBetween, eventsWithFingerprints, loadScoringData, saveLineage, type ScoringRange } from './activity';
import { attachJustification, deviceByTokenHash, deviceTokenHash, listDevices, recordUninstall, type DeviceTouch } from './devices';
import { lockId, lockIdOf } from './advisory-lock';
import { migrationProvider } from './migrations';
import { KyselyOutbox } from './outbox';
import { ConsoleReads } from './console-reads';
import { eventBodyHas } from './event-fields';
import { EventWriter, writeEvents } from './event-writer';
import { inTransaction } from './transaction';
import { purgeBefore } from './retention';
import type { Database } from './schema';
import * as alerts from './alerts';
import * as hr from './hr-records';
import * as scores from './risks';
import * as records from './console-records';
import * as people from './people';
import * as identities from './identities';
import type { DeviceIdentity, ScimUserRecord } from './identities';
import * as windows from './change-windows';
import type { ChangeWindowRecord, DirectoryEntry, AlertChange, AlertFilter, AlertNote, AlertUpsert, AuditEntry, Device, EventFilter, HrSignalRecord, NewUser, Role, Store, StoredEvent } from './store';

/** Far above a round's few queries; only a lock held by something stuck waits this long. */
const EMPLOYEE_LOCK_TIMEOUT_MS = 30_000;

/** The Store over Kysely; the dialect-specific files only open the connection. */
export class KyselyStore implements Store {
  readonly outbox: KyselyOutbox;
  readonly consoleReads: ConsoleReads;
  private readonly writer: EventWriter | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    /** How long a rescore waits for another's employee locks (PostgreSQL) before it fails and is retried. */
    private readonly employeeLockTimeoutMs = EMPLOYEE_LOCK_TIMEOUT_MS,
  ) {
    this.outbox = new KyselyOutbox(db);
    this.consoleReads = new ConsoleReads(db, dialect);
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
    if (filter.until) q = q.where('occurred_at', '<', new Date(filter.until).toISOString());
    if (filter.crm) q = q.where(eventBodyHas(this.dialect, 'crm', filter.crm));
    if (filter.destination) q = q.where(eventBodyHas(this.dialect, 'destination', filter.destination));
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

  eventsBetween(employees: readonly string[] | 'all', from: string, to: string) {
    return eventsBetween(this.db, employees, from, to);
  }

  eventsWithFingerprints(employee: string, types: readonly string[], from: string, to: string) {
    return eventsWithFingerprints(this.db, employee, types, from, to);
  }

  saveLineage(employee: string, event: Event, match: LineageMatch | undefined) {
    return saveLineage(this.db, employee, event, match);
  }

  async knownEmployees() {
    const rows = await this.db.selectFrom('activity_days').select('employee').distinct()
      .union(this.db.selectFrom('risk_scores').select('employee')).execute();
    return rows.map((r) => r.employee).sort();
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
  setUserPassword(id: string, passwordHash: string, keepSession?: string) { return people.setUserPassword(this.db, id, passwordHash, keepSession); }
  recordLoginFailure(keys: readonly string[], at: string) { return people.recordLoginFailure(this.db, keys, at); }
  countLoginFailures(key: string, since: string) { return people.countLoginFailures(this.db, key, since); }
  clearLoginFailures(key: string, olderThan: string) { return people.clearLoginFailures(this.db, key, olderThan); }
  appendAudit(entry: AuditEntry, auditKey: string) { return records.appendAudit(this.db, this.dialect, entry, auditKey); }
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
  recordDeviceIdentity(identity: DeviceIdentity) { return identities.recordDeviceIdentity(this.db, identity); }
  deviceIdentities(deviceIds: readonly string[]) { return identities.deviceIdentities(this.db, deviceIds); }
  deleteSessionsOf(subject: string) { return identities.deleteSessionsOf(this.db, subject); }
  scimUser(id: string) { return identities.scimUser(this.db, id); }
  listScimUsers(query: { userName?: string; offset: number; limit: number }) { return identities.listScimUsers(this.db, query); }
  saveScimUser(user: ScimUserRecord) { return identities.saveScimUser(this.db, user); }
  deleteScimUser(id: string) { return identities.deleteScimUser(this.db, id); }
  deleteExpiredSessions(now: string) { return people.deleteExpiredSessions(this.db, now); }

  async deleteSession(idHash: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  addChangeWindow(window: ChangeWindowRecord) { return windows.addChangeWindow(this.db, window); }
  changeWindows() { return windows.changeWindows(this.db); }
  departments() { return hr.departments(this.db); }
  setDirectory(entries: readonly DirectoryEntry[], now: string) { return hr.setDirectory(this.db, entries, now); }
  directory() { return hr.directory(this.db); }
  allHrSignals() { return hr.allHrSignals(this.db); }
  addHrSignal(signal: HrSignalRecord) { return hr.addHrSignal(this.db, signal); }
  importHr(signals: readonly HrSignalRecord[], entries: readonly DirectoryEntry[], now: string) { return hr.importHr(this.db, signals, entries, now); }
  hrSignals(employee: string) { return hr.hrSignals(this.db, employee); }
  hrSignalsOf(employees: readonly string[]) { return hr.hrSignalsOf(this.db, employees); }

  saveRisks(risks: readonly EmployeeRisk[]) { return scores.saveRisks(this.db, risks); }
  saveRisk(risk: EmployeeRisk) { return scores.saveRisk(this.db, risk); }
  listRisks() { return scores.listRisks(this.db); }
  risk(employee: string) { return scores.risk(this.db, employee); }
  risksOf(employees: readonly string[]) { return scores.risksOf(this.db, employees); }
  riskHistory(employee: string) { return scores.riskHistory(this.db, employee); }
  rewriteRiskHistory(employee: string, points: readonly { day: string; score: number }[]) { return scores.rewriteRiskHistory(this.db, employee, points); }

  upsertOpenAlert(candidate: AlertUpsert, now: string) { return alerts.upsertOpenAlert(this.db, this.dialect, candidate, now); }
  listAlerts(filter: AlertFilter) { return alerts.listAlerts(this.db, filter); }
  alert(id: string) { return alerts.alert(this.db, id); }
  updateAlert(id: string, change: AlertChange, now: string) { return alerts.updateAlert(this.db, id, change, now); }
}

function parseEvent(body: string): Event {
  return JSON.parse(body) as Event;
}
