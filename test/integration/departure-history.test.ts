import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, make, testApp, type TestApp } from './harness';

const WHO = 'erin@acme.example';

/** A notice re-weighs the look-back before it: the daily history is rewritten, not only the current score. */
describe('history under a departure notice', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(new Date('2026-11-02T18:00:00Z')); });
  afterEach(async () => { await t.close(); });

  it('rescores the days before the notice that already have a history point, and leaves older days alone', async () => {
    const token = await t.enroll(WHO);
    const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
    for (const day of days) {
      t.setNow(new Date(`${day}T18:00:00Z`));
      await t.request('/v1/events', { token, json: { events: [make.export(WHO, `${day}T09:00:00Z`, { rows: 3000 })] } });
      await t.settle();
    }
    const before = await t.store.riskHistory(WHO);
    expect(before.map((h) => h.day)).toEqual(days);
    expect(before.every((h) => h.score > 0)).toBe(true);

    t.setNow(new Date('2026-11-05T10:00:00Z'));
    expect((await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: WHO, kind: 'resignation_notice', effectiveDate: '2026-11-05' } })).status).toBe(201);
    const after = await t.store.riskHistory(WHO);
    // Each past day weighs 1.5× now, so every point is higher; today's point is the current score.
    expect(after.map((h) => h.day)).toEqual([...days, '2026-11-05']);
    for (const [i, point] of before.entries()) expect(after[i]!.score).toBeGreaterThan(point.score);
    expect(after[3]!.score).toBe((await t.store.risk(WHO))!.score);
  });
});
