import type { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import type { LineageMatch } from '../risk/lineage';
import type { ScoringData, ScoringRange } from './activity';
import type { Outbox } from './outbox';
import type { ConsoleReads } from './console-reads';
import type { PurgeCounts } from './retention';
import type { DeviceRecord, DeviceTouch } from './devices';
import type { WriteCounts } from './event-writer';
import type { DeviceIdentity, ScimUserRecord } from './identities';

export type * from './records';
import type { AlertChange, AlertFilter, AlertNote, AlertUpsert, Alert, ApiTokenInfo, AuditEntry, AuditRecord, ChangeWindowRecord, Device, DirectoryEntry, EventFilter, HandoverCheck, HrSignalRecord, NewUser, Role, StoredEvent, User, UserWithPassword } from './records';

/**
 * Everything the server keeps. SQLite and PostgreSQL implement it; callers never see which.
 * Every write that the API acknowledges has committed when the promise resolves.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  /**
   * Runs `work` holding the employees' locks, with a store bound to one transaction. On PostgreSQL each
   * lock is an advisory lock, taken in one order by every process, so server processes sharing the
   * database rescore an employee one at a time and never deadlock over several.
   */
  withEmployeeLocks<T>(employees: readonly string[], work: (store: Store) => Promise<T>): Promise<T>;
  /** Runs `work` unless another process is running the job `name` (PostgreSQL); returns whether it ran. */
  runExclusively(name: string, work: () => Promise<void>): Promise<boolean>;

  getSetting(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns the value now stored (first writer wins). */
  initSetting(key: string, value: string): Promise<string>;
  setSetting(key: string, value: string): Promise<void>;

  createDevice(device: Device, tokenHash: string, userAgent: string | null): Promise<void>;
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** The stored hash of a device's token (its uninstall proof is derived from it). */
  deviceTokenHash(id: string): Promise<string | undefined>;
  /** Marks the device removed (its uninstall URL was opened); the first report's time is kept. */
  recordUninstall(id: string, at: string): Promise<void>;
  listDevices(employee?: string): Promise<DeviceRecord[]>;
  /** Attaches an employee's justification to their upload or paste; false when there is no such event. */
  attachJustification(employee: string, eventId: string, justification: string): Promise<boolean>;

  /**
   * Inserts the events that are new, in one transaction; ids already stored count as duplicates. Then
   * writes `touch` to the device (last seen, coverage), together with other batches' written alongside.
   */
  insertEvents(deviceId: string, events: readonly Event[], receivedAt: string, touch?: DeviceTouch): Promise<{ inserted: Event[]; duplicate: number }>;
  /** Batches `insertEvents` has written since this store opened, and in how many transactions (group commit). */
  eventWrites(): WriteCounts;
  listEvents(filter: EventFilter): Promise<StoredEvent[]>;
  /** One employee's events with `occurredAt >= since`, oldest first. */
  employeeEvents(employee: string, since: string): Promise<Event[]>;
  countEvents(): Promise<number>;

  /** What the risk engine reads for some employees (or all): daily sums, the window's notable events, lineage. */
  scoringData(employees: readonly string[] | 'all', range: ScoringRange): Promise<Map<string, ScoringData>>;
  /** Events of every type with `occurredAt` in [from, to] (ISO), oldest first, as scoring reads them: for backtests. */
  eventsBetween(employees: readonly string[] | 'all', from: string, to: string): Promise<Event[]>;
  /** One employee's events of `types` in [from, to], with their fingerprints, for lineage. */
  eventsWithFingerprints(employee: string, types: readonly string[], from: string, to: string): Promise<Event[]>;
  /** Records (or, with no match, clears) the lineage of an upload or paste. */
  saveLineage(employee: string, event: Event, match: LineageMatch | undefined): Promise<void>;
  /** The HR directory: which department (peer group) each employee belongs to. */
  departments(): Promise<Map<string, string>>;
  /** Writes directory entries; a job title, manager or hire date left undefined keeps the one stored, null clears it. */
  setDirectory(entries: readonly DirectoryEntry[], now: string): Promise<void>;
  /** Everyone in the HR directory, by e-mail. */
  directory(): Promise<Map<string, DirectoryEntry>>;
  /** Everyone with activity or a score. */
  knownEmployees(): Promise<string[]>;
  /** Records a declared change window. */
  addChangeWindow(window: ChangeWindowRecord): Promise<void>;
  /** Every declared change window, earliest first. */
  changeWindows(): Promise<ChangeWindowRecord[]>;
  allHrSignals(): Promise<Map<string, HrSignalRecord[]>>;

  /** Adds a token unless its hash is stored (a revoked token stays revoked). */
  addApiToken(tokenHash: string, role: Role, label: string, createdBy?: string): Promise<void>;
  /** The role of a token that exists and is not revoked. */
  roleForApiToken(tokenHash: string): Promise<Role | undefined>;
  listApiTokens(): Promise<ApiTokenInfo[]>;
  /** Revokes the token whose hash starts with `id`; false when there is no such live token. */
  revokeApiToken(id: string, at: string): Promise<boolean>;

  /** False when the username is taken. */
  createUser(user: NewUser): Promise<boolean>;
  userByName(username: string): Promise<UserWithPassword | undefined>;
  listUsers(): Promise<User[]>;
  /** Disabling also ends the account's sessions. Undefined when there is no such account. */
  setUserDisabled(id: string, disabledAt: string | null): Promise<User | undefined>;
  /** A new password hash; ends the account's sessions but `keepSession` (a session id hash). False when there is no such account. */
  setUserPassword(id: string, passwordHash: string, keepSession?: string): Promise<boolean>;
  /** Sign-in failures per key (`user:alice`, `ip:10.0.0.1`), shared by every server process. */
  recordLoginFailure(keys: readonly string[], at: string): Promise<void>;
  countLoginFailures(key: string, since: string): Promise<number>;
  clearLoginFailures(key: string, olderThan: string): Promise<void>;

  /** Appends to the audit log, chained with HMAC under `auditKey` (never stored); there is no way to change or delete a record. */
  appendAudit(entry: AuditEntry, auditKey: string): Promise<AuditRecord>;
  listAudit(filter: { limit: number; beforeSeq?: number }): Promise<AuditRecord[]>;
  /** Records after `afterSeq`, oldest first. */
  auditChunk(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  addAlertNote(note: AlertNote): Promise<void>;
  /** Stored events by id, without fingerprints, oldest first; unknown ids are skipped. */
  eventsByIds(ids: readonly string[]): Promise<Event[]>;
  handoverChecks(employee: string): Promise<HandoverCheck[]>;
  /** The ticked items of an employee's handover checklist become exactly `done`. */
  setHandoverChecks(employee: string, done: readonly string[], by: string, at: string): Promise<void>;
  /** How many alerts are in each status. */
  alertStatusCounts(): Promise<Record<string, number>>;
  alertNotes(alertId: string): Promise<AlertNote[]>;

  /** A session of an account (`userId`) ends when the account is disabled; one without follows its token's role. */
  createSession(idHash: string, role: Role, subject: string, expiresAt: string, userId?: string): Promise<void>;
  sessionByIdHash(idHash: string, now: string): Promise<{ role: Role; subject: string } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<void>;

  /** Returns false when the same employee, kind and date was already recorded. */
  addHrSignal(signal: HrSignalRecord): Promise<boolean>;
  /** An import: the signals and directory entries in one transaction (all or nothing); returns how many signals were new. */
  importHr(signals: readonly HrSignalRecord[], entries: readonly DirectoryEntry[], now: string): Promise<number>;
  hrSignals(employee: string): Promise<HrSignalRecord[]>;
  /** The HR signals of some employees, by employee (only those who have any). */
  hrSignalsOf(employees: readonly string[]): Promise<Map<string, HrSignalRecord[]>>;

  saveRisk(risk: EmployeeRisk): Promise<void>;
  /** Many scores in one transaction (the scheduled full rescore). */
  saveRisks(risks: readonly EmployeeRisk[]): Promise<void>;
  listRisks(): Promise<EmployeeRisk[]>;
  /** The stored scores of some employees, by employee (only those scored). */
  risksOf(employees: readonly string[]): Promise<Map<string, EmployeeRisk>>;
  risk(employee: string): Promise<EmployeeRisk | undefined>;
  riskHistory(employee: string): Promise<{ day: string; score: number }[]>;
  /** Replaces the scores of days already in the history (a notice re-weighed them); other days stay as they are. */
  rewriteRiskHistory(employee: string, points: readonly { day: string; score: number }[]): Promise<void>;

  /**
   * Merges into the employee's open alert of that pattern, or opens one; returns it. Returns undefined
   * and changes nothing when every trigger is already covered by a closed (dismissed, resolved…) alert,
   * so triage decisions are not undone by re-evaluating the same evidence.
   */
  upsertOpenAlert(candidate: AlertUpsert, now: string): Promise<Alert | undefined>;
  listAlerts(filter: AlertFilter): Promise<Alert[]>;
  alert(id: string): Promise<Alert | undefined>;
  updateAlert(id: string, change: AlertChange, now: string): Promise<Alert | undefined>;

  /** How a device's employee was established (migration 0010); false when its ID token already enrolled a device. */
  recordDeviceIdentity(identity: DeviceIdentity): Promise<boolean>;
  /** The identities of some devices, by device id (devices enrolled before migration 0010 have none). */
  deviceIdentities(deviceIds: readonly string[]): Promise<Map<string, DeviceIdentity>>;
  /** Ends every console session of one subject (`oidc:alice@example.com`); returns how many. */
  deleteSessionsOf(subject: string): Promise<number>;
  /** SCIM-provisioned people (migration 0010). */
  scimUser(id: string): Promise<ScimUserRecord | undefined>;
  listScimUsers(query: { userName?: string; offset: number; limit: number }): Promise<{ total: number; users: ScimUserRecord[] }>;
  /** Inserts or replaces by id; false when another user holds the userName. */
  saveScimUser(user: ScimUserRecord): Promise<boolean>;
  deleteScimUser(id: string): Promise<boolean>;

  /** Alert deliveries to integrations, waiting or dead. */
  readonly outbox: Outbox;
  /** Counts and pages of rows for the console at scale (server/store/console-reads.ts). */
  readonly consoleReads: ConsoleReads;
  /** Retention: deletes events, the rows derived from them and closed alerts older than `cutoff` (ISO). */
  purgeBefore(cutoff: string): Promise<PurgeCounts>;
}
