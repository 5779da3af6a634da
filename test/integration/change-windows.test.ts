import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmployeeRisk } from '../../shared/risk';
import { ADMIN, make, testApp, type TestApp } from './harness';

const MIGRATOR = 'crm.admin@acme.example';
const COLLEAGUE = 'rep@acme.example';
const DAY_MS = 86_400_000;
const start = Date.parse('2026-09-01T00:00:00Z');
const at = (day: number, hour = 10) => new Date(start + day * DAY_MS + hour * 3_600_000).toISOString();

/** A CRM administrator's planned migration week looks like theft until it is declared. */
describe('declared change windows and the policy preview', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(new Date(start + 60 * DAY_MS));
    for (const who of [MIGRATOR, COLLEAGUE]) {
      const token = await t.enroll(who);
      const routine = Array.from({ length: 50 }, (_, day) => make.export(who, at(day), { rows: 80 + (day % 5) * 10, emailCount: 80 }));
      // Days 55–57: the migration, a hundred times the usual volume.
      const migration = who === MIGRATOR ? [55, 56, 57].map((day) => make.export(who, at(day, 11), { rows: 9000, emailCount: 9000 })) : [];
      expect((await t.request('/v1/events', { token, json: { events: [...routine, ...migration] } })).status).toBe(200);
    }
    await t.settle();
  });
  afterEach(async () => { await t.close(); });

  const risk = async () => (await (await t.request(`/v1/employees/${MIGRATOR}`, { token: ADMIN })).json()) as EmployeeRisk;

  it('sets the window\'s activity aside: shown and explained, no departure risk, audited', async () => {
    const before = await risk();
    expect(before.factors.map((f) => f.id)).toContain('export_rows');
    expect(before.score).toBeGreaterThan(30);

    const declared = await t.request('/v1/change-windows', { token: ADMIN, json: { employees: [MIGRATOR.toUpperCase()], from: '2026-08-01', to: '2026-08-03', reason: 'before any activity' } });
    expect(declared.status).toBe(201);
    // Days without activity: nothing changes.
    expect((await risk()).score).toBe(before.score);

    const migration = await t.request('/v1/change-windows', { token: ADMIN, json: { employees: [MIGRATOR], from: '2026-10-26', to: '2026-10-28', reason: 'Salesforce to HubSpot migration' } });
    expect(migration.status).toBe(201);
    const after = await risk();
    expect(after.score).toBe(0);
    const factor = after.factors.find((f) => f.id === 'change_window');
    expect(factor?.summary).toContain('Salesforce to HubSpot migration');
    expect(factor?.eventIds).toHaveLength(3);

    const list = (await (await t.request('/v1/change-windows', { token: ADMIN })).json()) as { employees: string[]; reason: string; createdBy: string }[];
    expect(list.map((w) => w.employees)).toEqual([[MIGRATOR], [MIGRATOR]]);
    const audit = (await t.store.listAudit({ limit: 50 })).filter((a) => a.action === 'change_window.declare');
    expect(audit).toHaveLength(2);
    // The backtest applies the windows too.
    const backtest = (await (await t.request(`/v1/employees?asOf=${encodeURIComponent(new Date(start + 58 * DAY_MS).toISOString())}`, { token: ADMIN })).json()) as EmployeeRisk[];
    expect(backtest.find((r) => r.employee === MIGRATOR)?.score).toBe(0);
  });

  it('refuses a window that ends before it starts, or that names no one (who may declare: route-access.ts)', async () => {
    expect((await t.request('/v1/change-windows', { token: ADMIN, json: { employees: [MIGRATOR], from: '2026-10-28', to: '2026-10-26', reason: 'backwards' } })).status).toBe(400);
    expect((await t.request('/v1/change-windows', { token: ADMIN, json: { employees: [], from: '2026-10-26', to: '2026-10-28', reason: 'nobody' } })).status).toBe(400);
  });

  it('previews a candidate policy: alerts per pattern and for whom, pseudonymised, nothing saved', async () => {
    const policyBefore = await (await t.request('/v1/policy', { token: ADMIN })).text();
    const response = await t.request('/v1/policy/preview', { token: ADMIN, json: { days: 10, risk: { indicators: { export_rows: { weight: 0 } }, cumulativeCollectionPerDoubling: 0, collectionBurstPerDoubling: 0 } } });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { days: number; current: { alerts: number; byPattern: Record<string, { alerts: number; people: string[] }> }; candidate: { alerts: number } };
    expect(preview.days).toBe(10);
    expect(preview.current.alerts).toBeGreaterThan(0);
    const people = Object.values(preview.current.byPattern).flatMap((p) => p.people);
    expect(people.length).toBeGreaterThan(0);
    for (const name of people) expect(name).not.toContain('@');
    // Without weight on export volume, daily, in a week's burst or over the window, the migration raises nothing.
    expect(preview.candidate.alerts).toBeLessThan(preview.current.alerts);
    expect(await (await t.request('/v1/policy', { token: ADMIN })).text()).toBe(policyBefore);
  });
});
