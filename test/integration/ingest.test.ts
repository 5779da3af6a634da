import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ENROLL, make, testApp, type TestApp } from './harness';

const EMPLOYEE = 'anna@acme.example';
const AT = '2026-11-02T09:00:00.000Z';

describe('enrollment and event ingest', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  it('enrolls with the deployment token and refuses others', async () => {
    const ok = await t.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: EMPLOYEE, device: {} } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ deviceId: expect.any(String), deviceToken: expect.stringMatching(/^dev_/) });

    const wrong = await t.request('/v1/enroll', { json: { enrollmentToken: 'nope', employeeEmail: EMPLOYEE, device: {} } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_enrollment_token' } });
  });

  it('names the invalid field in a 400', async () => {
    const response = await t.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: 'not-an-email', device: {} } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { fields: { path: string }[] } } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.fields.map((f) => f.path)).toContain('employeeEmail');
  });

  it('needs a valid device token to post events', async () => {
    const batch = { events: [make.copy(EMPLOYEE, AT)] };
    expect((await t.request('/v1/events', { json: batch })).status).toBe(401);
    const forged = await t.request('/v1/events', { json: batch, token: 'dev_forged' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await t.store.countEvents()).toBe(0);
  });

  it('rejects an invalid event with the path of the field, storing nothing of the batch', async () => {
    const token = await t.enroll(EMPLOYEE);
    const response = await t.request('/v1/events', { token, json: { events: [make.copy(EMPLOYEE, AT), make.copy(EMPLOYEE, 'yesterday')] } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; details: { fields: { path: string }[] } } };
    expect(body.error.details.fields[0]!.path).toBe('events.1.occurredAt');
    expect(await t.store.countEvents()).toBe(0);
  });

  it('answers malformed JSON with a 400 in the contract format', async () => {
    const token = await t.enroll(EMPLOYEE);
    const response = await t.request('/v1/events', { token, body: '{"events": [', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.any(String) } });
  });

  it('is idempotent by event id', async () => {
    const token = await t.enroll(EMPLOYEE);
    const events = [make.export(EMPLOYEE, AT), make.copy(EMPLOYEE, AT)];
    const first = await t.request('/v1/events', { token, json: { events } });
    expect(await first.json()).toEqual({ accepted: 2, duplicate: 0 });
    const again = await t.request('/v1/events', { token, json: { events: [...events, make.upload(EMPLOYEE, AT)] } });
    expect(await again.json()).toEqual({ accepted: 1, duplicate: 2 });
    // The same id twice inside one batch is stored once.
    const twice = make.copy(EMPLOYEE, AT);
    expect(await (await t.request('/v1/events', { token, json: { events: [twice, twice] } })).json()).toEqual({ accepted: 1, duplicate: 1 });
    expect(await t.store.countEvents()).toBe(4);
  });

  it('refuses a device posting for another employee', async () => {
    const token = await t.enroll(EMPLOYEE);
    const response = await t.request('/v1/events', { token, json: { events: [make.copy('someone.else@acme.example', AT)] } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'employee_mismatch' } });
    expect(await t.store.countEvents()).toBe(0);
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const token = await t.enroll(EMPLOYEE);
    const huge = JSON.stringify({ events: [make.copy(EMPLOYEE, AT, { padding: 'x'.repeat(9 * 1024 * 1024) })] });
    const response = await t.request('/v1/events', { token, body: huge, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await t.store.countEvents()).toBe(0);
  });

  it('refuses a batch larger than 500 events', async () => {
    const token = await t.enroll(EMPLOYEE);
    const events = Array.from({ length: 501 }, () => make.copy(EMPLOYEE, AT));
    const response = await t.request('/v1/events', { token, json: { events } });
    expect(response.status).toBe(400);
    expect(await t.store.countEvents()).toBe(0);
  });

  it('answers unknown routes with a 404 in the contract format', async () => {
    const response = await t.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('lets security query stored events newest first, filtered', async () => {
    const token = await t.enroll(EMPLOYEE);
    await t.request('/v1/events', { token, json: { events: [make.export(EMPLOYEE, '2026-11-01T08:00:00Z'), make.copy(EMPLOYEE, '2026-11-01T09:00:00Z')] } });
    expect((await t.request('/v1/events')).status).toBe(401);
    expect((await t.request('/v1/events', { token })).status).toBe(401);
    const response = await t.request(`/v1/events?employee=${EMPLOYEE}&limit=10`, { token: ADMIN });
    const { events } = (await response.json()) as { events: { type: string }[] };
    expect(events.map((e) => e.type)).toEqual(['crm.copy', 'crm.export']);
    const onlyExports = (await (await t.request('/v1/events?type=crm.export', { token: ADMIN })).json()) as { events: unknown[] };
    expect(onlyExports.events).toHaveLength(1);
    expect((await t.request('/v1/events?type=nonsense', { token: ADMIN })).status).toBe(400);
  });

  it('serves the policy to devices with the deployment salt, and lets an admin add a CRM', async () => {
    const token = await t.enroll(EMPLOYEE);
    const policy = (await (await t.request('/v1/policy', { token })).json()) as { crmSites: { id: string }[]; fingerprintSalt: string; version: string };
    expect(policy.crmSites.map((s) => s.id)).toContain('salesforce');
    expect(policy.fingerprintSalt).toBe(t.secrets.fingerprintSalt);
    expect((await t.request('/v1/policy')).status).toBe(401);

    const update = { crmSites: [{ id: 'inhouse', name: 'In-house CRM', matches: ['https://crm.acme.example/*'] }] };
    expect((await t.request('/v1/policy', { method: 'PUT', token, json: update })).status).toBe(401);
    const changed = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: update });
    expect(changed.status).toBe(200);
    const next = (await (await t.request('/v1/policy', { token })).json()) as { crmSites: { id: string }[]; version: string };
    expect(next.crmSites.map((s) => s.id)).toEqual(['salesforce', 'hubspot', 'dynamics365', 'zoho', 'pipedrive', 'amocrm', 'bitrix24', 'retailcrm', 'inhouse']);
    expect(next.version).not.toBe(policy.version);
    const bad = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { crmSites: [{ id: 'x', name: 'x', matches: ['not a pattern'] }] } });
    expect(bad.status).toBe(400);
  });

  it('reports health and metrics', async () => {
    expect(await (await t.request('/healthz')).json()).toEqual({ status: 'ok', database: process.env.CRMGUARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite' });
    expect((await t.request('/metrics')).status).toBe(401);
    const metrics = await (await t.request('/metrics', { token: ADMIN })).text();
    expect(metrics).toContain('crmguard_events_stored 0');
    const openapi = (await (await t.request('/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/v1/events');
  });
});
