import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../shared/policy';
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
});
