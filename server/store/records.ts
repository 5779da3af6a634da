import type { AlertSeverity, AlertStatus, HrSignalKind } from '../../shared/api';
import type { Event } from '../../shared/events';

/** The records the Store reads and writes (its interface is in store.ts). */

export type Role = 'admin' | 'security' | 'hr' | 'auditor';

export interface Device {
  id: string;
  employee: string;
  name: string | null;
  extensionVersion: string | null;
  enrolledAt: string;
  lastSeenAt: string | null;
}

export interface StoredEvent {
  event: Event;
  deviceId: string;
  receivedAt: string;
}

export interface EventFilter {
  employee?: string;
  type?: string;
  since?: string;
  /** Before this moment (ISO), exclusive. */
  until?: string;
  /** Only events of this CRM or to this destination (`salesforce`, `gmail`). */
  crm?: string;
  destination?: string;
  limit: number;
}

export interface HrSignalRecord {
  id: string;
  employee: string;
  kind: HrSignalKind;
  effectiveDate: string;
  source: string;
  createdAt: string;
}

export interface Alert {
  id: string;
  employee: string;
  pattern: string;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  eventIds: string[];
  triggerIds: string[];
  details: Record<string, unknown>;
  assignee: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  /** The patterns the case rests on, the lead (`pattern`) first; one for an alert raised before cases. */
  patterns: AlertReason[];
  /** The departure-risk score when the case was last raised; null before cases. */
  score: number | null;
  /** When its status first changed from open: time to triage; null while untriaged. */
  triagedAt: string | null;
}

/** How the queue is ordered: `severity` is severity, then score; every order ends with the newest first. */
export type AlertSort = 'severity' | 'score' | 'age' | 'updated' | 'status' | 'assignee';

/** One reason a case was raised: a pattern the evidence matched, as it read when last raised. */
export interface AlertReason {
  pattern: string;
  severity: AlertSeverity;
  title: string;
}

/** New evidence for the one open alert of an employee and pattern. */
export interface AlertUpsert {
  employee: string;
  pattern: string;
  /**
   * When set, the upsert is a case: it merges into the employee's one open alert whatever its pattern
   * (open duplicates from before cases are merged into the oldest and resolved), and a closed alert of
   * any of these patterns covers its triggers.
   */
  patterns?: string[];
  score?: number;
  severity: AlertSeverity;
  title: string;
  eventIds: string[];
  triggerIds: string[];
  details: Record<string, unknown>;
}

export interface AlertFilter {
  status?: AlertStatus;
  employee?: string;
  severity?: AlertSeverity;
  /** The lead pattern or any of a case's patterns. */
  pattern?: string;
  /** Last updated at or after this ISO timestamp. */
  from?: string;
  /** Last updated before this ISO timestamp. */
  to?: string;
  /** At most this many (and never more than 1,000), after skipping `offset` (a page of the queue). */
  limit?: number;
  offset?: number;
  /** Without one, the last updated first. */
  sort?: AlertSort;
  dir?: 'asc' | 'desc';
}

/** A local console account. */
export interface User {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
}

export interface UserWithPassword extends User {
  /** `scrypt$N$r$p$salt$hash`, see server/auth/passwords.ts. */
  passwordHash: string;
}

export type NewUser = Omit<UserWithPassword, 'disabledAt'>;

/** An API token as the console lists it: `id` is the start of its hash, never the token. */
export interface ApiTokenInfo {
  id: string;
  role: Role;
  label: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  at: string;
  /** Who: `user:alice`, `token:1a2b3c4d`. */
  actor: string;
  /** What, e.g. `employee.reveal`, `employee.view`, `export.alerts`, `policy.update`. */
  action: string;
  /** On what: an employee's pseudonym, an alert id, `policy`. */
  target: string;
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AlertNote {
  id: string;
  alertId: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface HandoverCheck {
  item: string;
  doneBy: string;
  doneAt: string;
}

export interface AlertChange {
  status?: AlertStatus;
  assignee?: string | null;
  reason?: string;
}


/** A person in the HR directory: their department (their peer group unless a job title says more) and role. */
/** Planned work an administrator declared: these people's activity from `from` to `to` (days, inclusive) is not scored. */
export interface ChangeWindowRecord {
  id: string;
  employees: string[];
  from: string;
  to: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface DirectoryEntry {
  employee: string;
  department: string;
  jobTitle?: string | null;
  manager?: string | null;
  /** The hire date (YYYY-MM-DD), when HR gives one: a new starter's first month is exact, not inferred. */
  hiredOn?: string | null;
}
