import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../server/policy/policy';
import { rescoreAll, rescoreEmployee } from '../../server/scoring/rescore';
import type { EmployeeRisk } from '../../shared/risk';
import { generateOrg } from '../bench/synthetic-org';
import { ADMIN, testApp, type TestApp } from './harness';

const NOW = new Date('2026-08-28T23:00:00Z');

/**
 * A small synthetic organisation ingested through the API, as devices would send it: the scores kept
 * incrementally on ingest and a full rescore agree, employee by employee, when both see the same peers.
 */
describe('incremental and full rescoring', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(NOW); });
  afterEach(async () => { await t.close(); });

  it('give the same numbers', async () => {
    const org = generateOrg(11, 24, 90);
    await t.store.setDirectory(org.employees.map((p) => ({ employee: p.email, department: p.role })), NOW.toISOString());
    for (const p of org.employees) {
      const token = await t.enroll(p.email);
      const events = p.events.filter((e) => Date.parse(e.occurredAt) <= NOW.getTime());
      for (let i = 0; i < events.length; i += 500) {
        const response = await t.request('/v1/events', { token, json: { events: events.slice(i, i + 500) } });
        expect(response.status).toBe(200);
      }
      for (const signal of p.hr.filter((s) => s.effectiveDate <= '2026-08-28')) {
        await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: p.email, kind: signal.kind, effectiveDate: signal.effectiveDate } });
      }
    }
    const full = await rescoreAll(t.store, NOW, DEFAULT_SCORING);
    expect(full.map((r) => r.employee)).toEqual(await t.store.knownEmployees());
    expect(full.length).toBeGreaterThanOrEqual(20);
    expect(full.some((r) => r.score > 0)).toBe(true);
    // Per employee, from the same stored data and the peer baselines the full run just computed.
    const incremental = new Map<string, EmployeeRisk>();
    for (const risk of full) incremental.set(risk.employee, await rescoreEmployee(t.store, risk.employee, NOW, DEFAULT_SCORING));
    for (const risk of full) expect(incremental.get(risk.employee)).toEqual(risk);
  }, 120_000);
});
