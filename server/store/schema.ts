import type { ColumnType } from 'kysely';
import type { Indicator } from '../risk/indicators';

/** Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings; JSON columns are text. */

export interface SettingsTable { key: string; value: string }

export interface DevicesTable {
  id: string;
  token_hash: string;
  employee: string;
  name: string | null;
  user_agent: string | null;
  extension_version: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  /** Migration 0006: coverage and tamper signals. */
  uninstalled_at?: string | null;
  incognito_allowed?: number | null;
  notice_acknowledged_at?: string | null;
}

export interface EventsTable {
  id: string;
  type: string;
  occurred_at: string;
  received_at: string;
  employee: string;
  device_id: string;
  origin: string;
  /** The whole validated event as JSON. */
  body: string;
  /** The event without its fingerprints (null for events stored before migration 0002). */
  facts: string | null;
}

/** One employee's indicator sums for one day (the employee's local date), one column per indicator (0 when none). */
export type ActivityDaysTable = { employee: string; day: string } & Record<Indicator, ColumnType<number, number | undefined, number>>;

export interface RecordViewsDailyTable { employee: string; day: string; record_hash: string }

export interface LineageTable {
  event_id: string;
  employee: string;
  occurred_at: string;
  matched: number;
  total: number;
  share: number;
  source_event_ids: string;
  /** JSON array of the matched fingerprints (migration 0013); null on older rows. */
  matched_fingerprints: string | null;
  level: number | null;
}

export interface DirectoryTable {
  employee: string;
  department: string;
  updated_at: string;
  job_title: ColumnType<string | null, string | null | undefined, string | null>;
  manager: ColumnType<string | null, string | null | undefined, string | null>;
  /** YYYY-MM-DD (migration 0017). */
  hired_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** How many events there were per UTC day, type, CRM and destination ('' where an event has none): the activity explorer's charts (migration 0015). */
export interface EventVolumeDailyTable {
  day: string;
  type: string;
  crm: string;
  destination: string;
  count: number;
}

export interface ChangeWindowsTable {
  id: string;
  employees: string;
  from_day: string;
  to_day: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface ApiTokensTable {
  token_hash: string;
  role: string;
  label: string;
  created_at: string;
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id_hash: string;
  role: string;
  subject: string;
  created_at: string;
  expires_at: string;
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: string;
  username: string;
  role: string;
  password_hash: string;
  created_at: string;
  created_by: string;
  disabled_at: string | null;
}

export interface LoginFailuresTable { key: string; at: string }

export interface AlertNotesTable { id: string; alert_id: string; author: string; body: string; created_at: string }

export interface HandoverChecksTable { employee: string; item: string; done_by: string; done_at: string }

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface HrSignalsTable {
  id: string;
  employee: string;
  kind: string;
  effective_date: string;
  source: string;
  created_at: string;
}

export interface RiskScoresTable {
  employee: string;
  score: number;
  level: string;
  factors: string;
  updated_at: string;
}

export interface RiskHistoryTable { employee: string; day: string; score: number }

export interface AlertsTable {
  id: string;
  employee: string;
  pattern: string;
  severity: string;
  status: string;
  title: string;
  event_ids: string;
  trigger_ids: string;
  details: string;
  assignee: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
  /** JSON array of the pattern ids the case rests on (migration 0013); null on older rows. */
  patterns: string | null;
  /** The departure-risk score when last raised (migration 0013). */
  score: number | null;
  /** When its status first changed from open (migration 0013). */
  triaged_at: string | null;
}

/** A delivery to an integration: `pending` until acknowledged (then deleted), `dead` after too many failures. */
export interface OutboxTable {
  id: string;
  integration: string;
  alert_id: string;
  /** The alert and its upload evidence as JSON, as they were when the delivery was queued. */
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertAnnouncementsTable { alert_id: string; digest: string; updated_at: string }

/** Migration 0010: how a device's employee was established. */
export interface DeviceIdentitiesTable { device_id: string; method: string; issuer: string | null; subject: string | null; email: string; verified_at: string; token_hash: string | null }

/** Migration 0010: people provisioned over SCIM; `resource` is the stored SCIM User (JSON). */
export interface ScimUsersTable { id: string; user_name: string; external_id: string | null; active: number; resource: string; created_at: string; updated_at: string }

export interface Database {
  settings: SettingsTable;
  event_volume_daily: EventVolumeDailyTable;
  devices: DevicesTable;
  events: EventsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  hr_signals: HrSignalsTable;
  risk_scores: RiskScoresTable;
  risk_history: RiskHistoryTable;
  alerts: AlertsTable;
  activity_days: ActivityDaysTable;
  record_views_daily: RecordViewsDailyTable;
  lineage: LineageTable;
  directory: DirectoryTable;
  change_windows: ChangeWindowsTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  alert_notes: AlertNotesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  alert_announcements: AlertAnnouncementsTable;
  handover_checks: HandoverChecksTable;
  device_identities: DeviceIdentitiesTable;
  scim_users: ScimUsersTable;
}
