import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GROUP, peersOf, rescoreAll, rescoreEmployee } from '../../server/scoring/rescore';
import { DEFAULT_SCORING } from '../../server/policy/policy';
import { peerContext } from '../../server/risk/peers';
import type { DailyActivity } from '../../server/risk/indicators';
import type { Event } from '../../shared/events';
import { make, testApp, type TestApp } from './harness';

const NOW = new Date('2026-11-02T10:00:00Z');
const DAY = 86_400_000;
const PEOPLE = 1_150;
const departmentOf = (i: number) => (i % 3 === 0 ? 'sales' : i % 3 === 1 ? 'support' : undefined);

/**
 * The full rescore reads and scores 500 employees at a time, and the peer baselines fold their daily rows
 * chunk by chunk: over more than two chunks, the baselines equal those computed from everyone's rows at
 * once, and every score equals the employee's own rescore.
 */
describe('the full rescore in chunks', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(NOW); });
  afterEach(async () => { await t.close(); });

  it('scores everyone with the baselines of the whole organisation', async () => {
    const employees = Array.from({ length: PEOPLE }, (_, i) => `rep${String(i).padStart(4, '0')}@acme.example`);
    await t.store.setDirectory(employees.flatMap((employee, i) => (departmentOf(i) ? [{ employee, department: departmentOf(i)! }] : [])), NOW.toISOString());
    const events: Event[] = [];
    employees.forEach((employee, i) => {
      for (let day = 1 + (i % 5); day < 70; day += 6 + (i % 4)) {
        const at = new Date(NOW.getTime() - day * DAY).toISOString();
        events.push(make.export(employee, at, { rows: 20 + ((i * 7 + day) % 90) }) as Event);
        if (day < 20 && i % 11 === 0) events.push(make.upload(employee, at, { emailCount: 30 + (i % 50) }) as Event);
      }
    });
    for (let i = 0; i < events.length; i += 2000) await t.store.insertEvents('chunk-device', events.slice(i, i + 2000), NOW.toISOString());

    const full = await rescoreAll(t.store, NOW, DEFAULT_SCORING);
    expect(full.map((r) => r.employee)).toEqual(employees);
    expect(full.some((r) => r.score > 0)).toBe(true);

    // Everyone's daily rows at once (the baselines ignore days outside their period), grouped as the server groups them.
    const everyone = await t.store.scoringData('all', { dailySince: '2000-01-01' });
    const departments = await t.store.departments();
    const groups = new Map<string, DailyActivity[][]>();
    for (const [employee, data] of everyone) {
      const group = departments.get(employee) ?? DEFAULT_GROUP;
      groups.set(group, [...(groups.get(group) ?? []), data.daily]);
    }
    expect([...groups.keys()].sort()).toEqual([DEFAULT_GROUP, 'sales', 'support']);
    for (const [i, employee] of employees.entries()) {
      const group = departmentOf(i) ?? DEFAULT_GROUP;
      const { pooled, ...cached } = (await peersOf(t.store, NOW, DEFAULT_SCORING.model, employee)).group(employee)!;
      expect(cached).toEqual(peerContext(group, groups.get(group)!, NOW, DEFAULT_SCORING.model));
      // Keyed by member, so a score leaves out exactly what the pool holds for the person.
      expect(pooled?.size).toBe(groups.get(group)!.length);
      expect(pooled?.has(employee)).toBe(true);
    }

    // Either side of each chunk boundary, and the last.
    for (const i of [0, 499, 500, 999, 1000, PEOPLE - 1]) {
      expect(await rescoreEmployee(t.store, employees[i]!, NOW, DEFAULT_SCORING)).toEqual(full[i]);
    }
  }, 120_000);
});
