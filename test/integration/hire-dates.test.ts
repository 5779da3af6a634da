import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmployeeRisk } from '../../shared/risk';
import { ADMIN, make, testApp, type TestApp } from './harness';

const HIRE = 'new.rep@acme.example';
const REPS = Array.from({ length: 6 }, (_, i) => `rep${i}@acme.example`);
const DAY_MS = 86_400_000;
const start = Date.parse('2026-09-01T00:00:00Z');
const at = (day: number, hour = 10) => new Date(start + day * DAY_MS + hour * 3_600_000).toISOString();
const day = (n: number) => at(n).slice(0, 10);

/**
 * A rep hired the week the extension was rolled out inherits a territory: nothing in the activity tells them
 * from their settled colleagues (everyone's first active day is the rollout), the HR directory's hire date does.
 */
describe('hire dates from the HR directory', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(new Date(start + 20 * DAY_MS));
    for (const who of [HIRE, ...REPS]) {
      const token = await t.enroll(who);
      const routine = Array.from({ length: 20 }, (_, d) => d).filter((d) => d % 3 === 0).map((d) => make.export(who, at(d), { rows: 60 + (d % 5) * 10, emailCount: 60 }));
      // Days 2–4: the new rep's inherited book, exported three times.
      const territory = who === HIRE ? [2, 3, 4].map((d) => make.export(who, at(d, 11), { rows: 1500, emailCount: 1500 })) : [];
      expect((await t.request('/v1/events', { token, json: { events: [...routine, ...territory] } })).status).toBe(200);
    }
    const directory = [HIRE, ...REPS].map((employeeEmail) => ({ employeeEmail, department: 'Sales', jobTitle: 'Account Executive' }));
    expect((await t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees: directory } })).status).toBe(200);
    await t.settle();
  });
  afterEach(async () => { await t.close(); });

  const risk = async (query = '') => (await (await t.request(`/v1/employees/${HIRE}${query}`, { token: ADMIN })).json()) as EmployeeRisk;

  it('sets a new starter\'s first month aside from their hire date, in the live score and the backtest', async () => {
    const unknown = await risk();
    expect(unknown.factors.map((f) => f.id)).not.toContain('onboarding');
    expect(unknown.score).toBeGreaterThan(0);

    const hired = await t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees: [{ employeeEmail: HIRE, department: 'Sales', hiredOn: day(0) }] } });
    expect(hired.status).toBe(200);
    const known = await risk();
    expect(known.score).toBe(0);
    expect(known.factors.find((f) => f.id === 'onboarding')?.summary).toContain(`New starter, first active on ${day(0)}`);
    // The backtest reads the same directory.
    const backtest = await risk(`?asOf=${encodeURIComponent(at(19, 23))}`);
    expect(backtest.score).toBe(0);
    expect(backtest.factors.map((f) => f.id)).toContain('onboarding');
  });

  it('leaves a settled colleague\'s activity judged, whatever their first active day, when HR says they were hired long ago', async () => {
    const before = (await (await t.request(`/v1/employees/${REPS[0]}`, { token: ADMIN })).json()) as EmployeeRisk;
    await t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees: [{ employeeEmail: REPS[0], department: 'Sales', hiredOn: '2019-04-01' }] } });
    const after = (await (await t.request(`/v1/employees/${REPS[0]}`, { token: ADMIN })).json()) as EmployeeRisk;
    expect(after.factors.map((f) => f.id)).not.toContain('onboarding');
    expect(after.score).toBe(before.score);
  });
});
