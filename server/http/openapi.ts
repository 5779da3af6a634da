import * as z from 'zod';
import { AlertNoteRequest, AlertPatch, BulkAlertChange, BulkDismiss, EnrollRequest, EnrollResponse, ErrorBody, EventBatch, HrSignal, IngestResult, NewApiToken, NewUser, UserPatch } from '../../shared/api';
import { DeadLetter, DeadLetterRetry, IntegrationsUpdate, IntegrationsView } from '../../shared/integrations';
import { Policy, PolicyUpdate } from '../../shared/policy';
import { EmployeeRisk } from '../../shared/risk';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } });
const error = { description: 'error', ...json(ErrorBody) };

/** The OpenAPI document, generated from the same zod schemas the routes validate with. */
export function openApiDocument() {
  const op = (summary: string, body?: z.ZodType, ok?: z.ZodType) => ({
    summary,
    ...(body ? { requestBody: { required: true, ...json(body) } } : {}),
    responses: { 200: { description: 'ok', ...(ok ? json(ok) : {}) }, 400: error, 401: error, 403: error },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'crm-guard', version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/v1/enroll': { post: op('Enroll an extension: {idToken, device} with an ID token from the company’s identity provider, or (without one) {enrollmentToken, employeeEmail, device}', EnrollRequest, EnrollResponse) },
      '/v1/events': { post: op('Ingest a batch of events (device token); idempotent by event id', EventBatch, IngestResult), get: op('Stored events, newest first') },
      '/v1/policy': { get: op('The detection policy', undefined, Policy), put: op('Change added sites and thresholds (admin)', PolicyUpdate, Policy) },
      '/v1/policy/salt-rotation': { post: op('Rotate the device salt (admin); the previous salt is served with the new one for the lineage window. {force: true} rotates again while a window is open') },
      '/v1/employees': { get: op('Employees by risk, highest first', undefined, z.array(EmployeeRisk)) },
      '/v1/employees/{email}': { get: op('One employee by pseudonym or e-mail: score, factors, history, HR signals; for security and HR an e-mail is a reveal and needs ?reason=') },
      '/v1/alerts': { get: op('One open alert per person and incident (its patterns inside it), by severity then score; filters: status, severity, pattern, employee, from, to; order: sort, dir') },
      '/v1/alerts/{id}': { get: op('One alert with notes, evidence timeline and lineage'), patch: op('Triage an alert: open → investigating → confirmed | dismissed → resolved', AlertPatch) },
      '/v1/alerts/{id}/notes': { post: op('Add a note to an alert', AlertNoteRequest) },
      '/v1/alerts/dismiss': { post: op('Dismiss several alerts with one reason', BulkDismiss) },
      '/v1/alerts/bulk': { post: op('One change to several alerts: a status (dismissing needs a reason), an assignee, or both', BulkAlertChange) },
      '/v1/alerts/effectiveness': { get: op('confirmed ÷ (confirmed + dismissed)') },
      '/v1/users': { get: op('Console accounts (admin)'), post: op('Create an account (admin)', NewUser) },
      '/v1/users/{id}': { patch: op('Disable or enable an account (admin)', UserPatch) },
      '/v1/tokens': { get: op('API tokens, by the start of their hash (admin)'), post: op('Create an API token, shown once (admin)', NewApiToken) },
      '/v1/tokens/{id}': { delete: op('Revoke an API token (admin)') },
      '/v1/audit': { get: op('The audit log, newest first (admin, auditor)') },
      '/v1/audit/verify': { get: op('Verify the audit log’s keyed chain against its signed checkpoints (admin, auditor)') },
      '/v1/hr/signals': { post: op('Record an HR signal', HrSignal) },
      '/v1/hr/signals/import': { post: op('Import the Purview-format CSV (EmailAddress,ResignationDate,LastWorkingDate)') },
      '/v1/integrations': {
        get: op('Where alerts are delivered (admin); secrets are never returned', undefined, IntegrationsView),
        put: op('Replace the integrations (admin); a secret left out keeps the stored one', IntegrationsUpdate, IntegrationsView),
      },
      '/v1/dead-letters': { get: op('Alert deliveries that failed every retry (admin, security)', undefined, z.object({ deadLetters: z.array(DeadLetter) })) },
      '/v1/dead-letters/retry': { post: op('Queue dead letters again: the given ids, or all (admin, security)', DeadLetterRetry, z.object({ retried: z.int() })) },
      '/v1/devices': { get: op('Devices with their coverage: version, incognito access, first-run acknowledgement, active, silent or uninstalled') },
      '/v1/devices/{id}/uninstalled': { get: op('Opened by the browser when the extension is removed; needs the device’s proof') },
      '/v1/me/data': { get: op('Everything stored about the employee this device token belongs to (GDPR art. 15); audited') },
    },
  };
}
