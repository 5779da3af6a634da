import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../shared/policy';
import type { EmployeeRisk } from '../../shared/risk';
import { ADMIN, testApp, type TestApp } from './harness';

const EMPLOYEE = 'anna@acme.example';
const AT = '2026-11-02T09:00:00.000+03:00';
const SALESFORCE = 'https://acme.lightning.force.com';

/** The record-view rule on the server: the limit in the policy, and a reason attached to the view it explains. */
describe('record views beyond the limit', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  const view = (extra: Record<string, unknown> = {}) => ({
    id: randomUUID(), type: 'crm.record_view', occurredAt: AT, employee: EMPLOYEE, origin: SALESFORCE, crm: 'salesforce', recordHash: '0123456789abcdef', objectType: 'Contact', ...extra,
  });

  it('serves the limit per CRM in the policy and refuses one that makes no sense', async () => {
    const limits = { salesforce: { opens: 3, periodHours: 720, mode: 'block' } };
    expect((await t.request('/v1/policy', { token: ADMIN, method: 'PUT', json: { recordViewLimits: limits } })).status).toBe(200);
    const policy = (await (await t.request('/v1/policy', { token: ADMIN })).json()) as Policy;
    expect(policy.recordViewLimits).toEqual(limits);
    expect((await t.request('/v1/policy', { token: ADMIN, method: 'PUT', json: { recordViewLimits: { salesforce: { opens: -1, periodHours: 1, mode: 'warn' } } } })).status).toBe(400);
  });

  it('keeps the count with the view and attaches the reason to it, and counts the record once a day however often it is opened', async () => {
    const anna = await t.enroll(EMPLOYEE);
    const first = view();
    const beyond = view({ opensInPeriod: 4, allowedOpens: 3, limitMode: 'warn' });
    const reason = { id: randomUUID(), type: 'crm.record_view_reason', occurredAt: AT, employee: EMPLOYEE, origin: SALESFORCE, crm: 'salesforce', eventId: beyond.id, justification: 'renewal call' };
    expect((await t.request('/v1/events', { token: anna, json: { events: [first, beyond, reason] } })).status).toBe(200);

    const { events } = (await (await t.request('/v1/events?type=crm.record_view', { token: ADMIN })).json()) as { events: Record<string, unknown>[] };
    expect(events.find((e) => e.id === beyond.id)).toMatchObject({ opensInPeriod: 4, allowedOpens: 3, limitMode: 'warn', justification: 'renewal call' });
    expect(events.find((e) => e.id === first.id)!.justification).toBeUndefined();
    // Two opens of one record on one day are one record viewed: the enumeration indicator is not inflated by the repeat.
    const data = await t.store.scoringData([EMPLOYEE], { dailySince: '2026-11-01' });
    expect(data.get(EMPLOYEE)!.daily.map((d) => d.values.record_views)).toEqual([1]);
  });

  it('scores opens beyond the limit as a factor of their own through ingest, with the reasons given, on the employee page', async () => {
    const anna = await t.enroll(EMPLOYEE);
    // Twelve records each opened five times this morning (a limit of three): 24 opens beyond it, reasons for 9 of them.
    const opens = Array.from({ length: 12 }, (_, r) => Array.from({ length: 5 }, (_, i) =>
      view({ recordHash: r.toString(16).padStart(16, '0'), ...(i >= 3 ? { opensInPeriod: i + 1, allowedOpens: 3, limitMode: 'warn' } : {}) }))).flat();
    const beyond = opens.filter((v) => 'opensInPeriod' in v);
    const reasons = beyond.slice(0, 9).map((v) => ({ id: randomUUID(), type: 'crm.record_view_reason', occurredAt: AT, employee: EMPLOYEE, origin: SALESFORCE, crm: 'salesforce', eventId: v.id, justification: 'renewal calls' }));
    expect((await t.request('/v1/events', { token: anna, json: { events: [...opens, ...reasons] } })).status).toBe(200);
    // The same batch again is all duplicates: nothing is counted twice.
    expect(await (await t.request('/v1/events', { token: anna, json: { events: [...opens, ...reasons] } })).json()).toMatchObject({ accepted: 0 });
    await t.settle();

    const risk = (await (await t.request(`/v1/employees/${EMPLOYEE}`, { token: ADMIN })).json()) as EmployeeRisk;
    const factor = risk.factors.find((f) => f.id === 'over_limit_views');
    expect(factor?.points).toBeGreaterThan(0);
    expect(factor?.summary).toMatch(/^Opened client records beyond the policy's record-view limit 24 times since .* on 2026-11-02; reasons given for 9\.$/);
    expect(risk.score).toBeGreaterThan(0);
  });
});
