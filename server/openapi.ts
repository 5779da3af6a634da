import * as z from 'zod';
import { AlertPatch, EnrollRequest, EnrollResponse, ErrorBody, EventBatch, HrSignal, IngestResult } from '../shared/api';
import { Policy, PolicyUpdate } from '../shared/policy';
import { EmployeeRisk } from '../shared/risk';

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
      '/v1/enroll': { post: op('Enroll an extension with the deployment’s enrollment token', EnrollRequest, EnrollResponse) },
      '/v1/events': { post: op('Ingest a batch of events (device token); idempotent by event id', EventBatch, IngestResult), get: op('Stored events, newest first') },
      '/v1/policy': { get: op('The detection policy', undefined, Policy), put: op('Change added sites and thresholds (admin)', PolicyUpdate, Policy) },
      '/v1/employees': { get: op('Employees by risk, highest first', undefined, z.array(EmployeeRisk)) },
      '/v1/employees/{email}': { get: op('One employee: score, factors, history, HR signals') },
      '/v1/alerts': { get: op('Alerts, newest first') },
      '/v1/alerts/{id}': { patch: op('Triage an alert', AlertPatch) },
      '/v1/hr/signals': { post: op('Record an HR signal', HrSignal) },
      '/v1/hr/signals/import': { post: op('Import the Purview-format CSV (EmailAddress,ResignationDate,LastWorkingDate)') },
      '/v1/devices': { get: op('Devices with their coverage: version, incognito access, first-run acknowledgement, active, silent or uninstalled') },
      '/v1/devices/{id}/uninstalled': { get: op('Opened by the browser when the extension is removed; needs the device’s proof') },
    },
  };
}
