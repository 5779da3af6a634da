import * as z from 'zod';
import { Event, EVENT_TYPES, type EventType } from './events';

/** The body of every error response: `{"error": {"code", "message", "details"?}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * Free text a database keeps in a text column. PostgreSQL's text cannot hold U+0000, so neither backend
 * takes it: the same clear 400 on both, instead of a 500 on one.
 */
export function StoredText(max: number) {
  return z.string().max(max).refine((s) => !s.includes('\0'), 'must not contain the character U+0000');
}

const EnrollingDevice = z.object({
  name: StoredText(256).optional(),
  userAgent: StoredText(1024).optional(),
  extensionVersion: StoredText(64).optional(),
});

/** The trial's enrollment: the deployment's shared token and an e-mail the extension states (unverified). */
export const TokenEnrollRequest = z.object({
  enrollmentToken: StoredText(256).min(1),
  employeeEmail: z.email().max(320),
  device: EnrollingDevice,
});
export type TokenEnrollRequest = z.infer<typeof TokenEnrollRequest>;

/** With an identity provider: an ID token the extension obtained for the employee, verified by the server. */
export const IdTokenEnrollRequest = z.object({
  idToken: z.string().min(1).max(16_384),
  device: EnrollingDevice,
});
export type IdTokenEnrollRequest = z.infer<typeof IdTokenEnrollRequest>;

export const EnrollRequest = z.union([IdTokenEnrollRequest, TokenEnrollRequest]);
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: z.string(),
  deviceToken: z.string(),
  /** Who the device is enrolled as, and how that was established (shown in the extension's popup). */
  employee: z.string().optional(),
  verifiedBy: z.enum(['oidc', 'enrollment_token']).optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** One sender batch; the extension never sends more than this many events at once. */
export const MAX_BATCH = 500;

export const EventBatch = z.object({ events: z.array(Event).min(1).max(MAX_BATCH) });
export type EventBatch = z.infer<typeof EventBatch>;

export const IngestResult = z.object({ accepted: z.int(), duplicate: z.int() });
export type IngestResult = z.infer<typeof IngestResult>;

/**
 * How a filter names an employee: an e-mail address or a pseudonym (`1A2B-3C4D-5E6F`, or `Employee
 * 1A2B-3C4D-5E6F`). Security and HR filter by pseudonym; an address from them is an audited lookup.
 */
export const EmployeeRef = z.union([
  z.email().max(320),
  z.string().trim().regex(/^(Employee )?[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/, 'an e-mail address or a pseudonym such as 1A2B-3C4D-5E6F'),
]);

export const EventQuery = z.object({
  employee: EmployeeRef.optional(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const HrSignalKind = z.enum(['resignation_notice', 'last_working_day', 'termination']);
export type HrSignalKind = z.infer<typeof HrSignalKind>;

export const HrSignal = z.object({
  employeeEmail: z.email().max(320),
  kind: HrSignalKind,
  /** A calendar date (YYYY-MM-DD) or an ISO timestamp. */
  effectiveDate: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
});
export type HrSignal = z.infer<typeof HrSignal>;

export const AlertStatus = z.enum(['open', 'investigating', 'confirmed', 'dismissed', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const AlertPatch = z
  .object({
    status: AlertStatus.optional(),
    assignee: StoredText(320).nullable().optional(),
    reason: StoredText(2000).optional(),
  })
  .refine((p) => p.status !== 'dismissed' || (p.reason?.trim().length ?? 0) > 0, {
    message: 'dismissing an alert needs a reason',
    path: ['reason'],
  });
export type AlertPatch = z.infer<typeof AlertPatch>;

export const Role = z.enum(['admin', 'security', 'hr', 'auditor']);
export type Role = z.infer<typeof Role>;

export const NewUser = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 characters: letters, digits, dot, dash, underscore'),
  role: Role,
  password: z.string().min(12, 'at least 12 characters').max(256),
});
export type NewUser = z.infer<typeof NewUser>;

export const UserPatch = z.object({ disabled: z.boolean() });
export type UserPatch = z.infer<typeof UserPatch>;

export const NewApiToken = z.object({
  label: z.string().trim().min(1, 'say what the token is for').max(128),
  role: Role,
});
export type NewApiToken = z.infer<typeof NewApiToken>;

/** The alert queue's filters: the API's query and the console's filter form. */
export const AlertQuery = z.object({
  status: AlertStatus.optional(),
  severity: AlertSeverity.optional(),
  pattern: z.string().regex(/^[a-z_]{1,64}$/, 'a pattern id such as crm_contacts_exfiltrated').optional(),
  employee: EmployeeRef.optional(),
  /** Updated on or after this day (YYYY-MM-DD) or moment. */
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** Updated on or before this day, or before this moment. */
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** The order: `severity` (then score, the default), `score`, `age`, `updated`, `status`, `assignee`. */
  sort: z.enum(['severity', 'score', 'age', 'updated', 'status', 'assignee']).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertNoteRequest = z.object({ body: z.string().trim().min(1, 'write the note').max(5000) });

export const BulkDismiss = z.object({
  ids: z.array(z.uuid()).min(1, 'select at least one alert').max(500),
  reason: z.string().trim().min(1, 'dismissing alerts needs a reason').max(2000),
});
export type BulkDismiss = z.infer<typeof BulkDismiss>;

/** One change to many alerts: a status (dismissing needs a reason), an assignee (null unassigns), or both. */
export const BulkAlertChange = z
  .object({
    ids: z.array(z.uuid()).min(1, 'select at least one alert').max(500),
    status: AlertStatus.optional(),
    assignee: StoredText(320).nullable().optional(),
    reason: StoredText(2000).optional(),
  })
  .refine((b) => b.status !== undefined || b.assignee !== undefined, { message: 'say what to change: a status or an assignee', path: ['status'] })
  .refine((b) => b.status !== 'dismissed' || (b.reason?.trim().length ?? 0) > 0, { message: 'dismissing alerts needs a reason', path: ['reason'] });
export type BulkAlertChange = z.infer<typeof BulkAlertChange>;
