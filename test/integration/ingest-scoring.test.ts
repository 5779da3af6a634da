import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Store } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';

const WHO = 'dana@acme.example';
// Longer than the server's 2 s (COALESCE_MS in server/scoring/ingest-scoring.ts): what these tests time on the wall clock (batches that must
// fall inside one interval, an answer that must come before one ends) has room on a loaded machine.
const TEST_COALESCE_MS = 6_000;

/** Incremental scoring coalesces an employee's batches that arrive in quick succession. */
describe('rescoring on ingest', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await testApp(new Date('2026-11-02T18:00:00Z'), { coalesceMs: TEST_COALESCE_MS });
    token = await t.enroll(WHO);
  });
  afterEach(async () => { await t.close(); });

  const post = async (events: unknown[]) => expect((await t.request('/v1/events', { token, json: { events } })).status).toBe(200);
  const score = async () => (await t.store.risk(WHO))?.score;

  it('scores the first batch before answering, and the batches right after it together, within the interval', async () => {
    await post([make.export(WHO, '2026-11-02T08:00:00Z', { rows: 50 })]);
    expect(await score()).toBe(0);

    const started = Date.now();
    await post([make.export(WHO, '2026-11-02T09:00:00Z', { rows: 6000 })]);
    await post([make.export(WHO, '2026-11-02T09:05:00Z', { rows: 6000 })]);
    // Still the first batch's score: the next two wait for one shared rescore...
    if (Date.now() - started < TEST_COALESCE_MS / 2) expect(await score()).toBe(0);
    // ...which comes by itself within the interval, counting both.
    await expect.poll(score, { timeout: TEST_COALESCE_MS * 3, interval: 100 }).toBeGreaterThan(0);
    const factor = (await t.store.risk(WHO))!.factors.find((f) => f.id === 'export_rows');
    expect(factor?.eventIds).toHaveLength(3);
  }, TEST_COALESCE_MS * 5);

  it('scores an upload at once, even right after a rescore: its alert is there when the answer comes', async () => {
    const contacts = fingerprints(60);
    await post([make.export(WHO, '2026-11-02T08:00:00Z', { fingerprints: contacts })]);
    const started = Date.now();
    await post([make.upload(WHO, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 60 })]);
    expect(Date.now() - started).toBeLessThan(TEST_COALESCE_MS);
    const alerts = (await (await t.request('/v1/alerts?pattern=crm_contacts_exfiltrated', { token: ADMIN })).json()) as { employee: string }[];
    expect(alerts.map((a) => a.employee)).toEqual([WHO]);
  });

  it('brings an employee up to date before their page is shown', async () => {
    await post([make.export(WHO, '2026-11-02T08:00:00Z', { rows: 50 })]);
    await post([make.export(WHO, '2026-11-02T09:00:00Z', { rows: 9000 })]);
    const page = (await (await t.request(`/v1/employees/${WHO}`, { token: ADMIN })).json()) as { score: number };
    expect(page.score).toBeGreaterThan(0);
    expect(page.score).toBe(await score());
  });

  it('settles deferred rescores at once when asked (shutdown, readers)', async () => {
    await post([make.export(WHO, '2026-11-02T08:00:00Z', { rows: 50 })]);
    const started = Date.now();
    await post([make.export(WHO, '2026-11-02T09:00:00Z', { rows: 9000 })]);
    if (Date.now() - started < TEST_COALESCE_MS / 2) expect(await score()).toBe(0);
    await t.settle();
    expect(await score()).toBeGreaterThan(0);
  });

  it('rescores the employees whose batches arrive during a round together, in the next round', async () => {
    const people = Array.from({ length: 20 }, (_, i) => `rep${i}@acme.example`);
    const tokens = await Promise.all(people.map((p) => t.enroll(p)));
    const rounds = async () => Number(/crmguard_rescore_duration_seconds_count\{scope="employee"\} (\d+)/.exec(await (await t.request('/metrics', { token: ADMIN })).text())?.[1] ?? 0);
    const before = await rounds();
    const answers = await Promise.all(people.map((p, i) => t.request('/v1/events', { token: tokens[i]!, json: { events: [make.export(p, '2026-11-02T09:00:00Z', { rows: 9000 })] } })));
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
    await t.settle();
    for (const p of people) expect((await t.store.risk(p))?.score).toBeGreaterThan(0);
    // The first request's round, then one or a few for everyone who came meanwhile: not one each. (How
    // many depends on when each write commits: 2 here on both backends, a few more on a loaded machine.)
    expect(await rounds() - before).toBeLessThanOrEqual(6);
    expect(await (await t.request('/metrics', { token: ADMIN })).text()).toContain('crmguard_rescore_backlog 0');
  });

  it('holds no one back for an employee who cannot be scored, and tries that one again later', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `rep${i}@acme.example`);
    const tokens = await Promise.all(people.map((p) => t.enroll(p)));
    const bad = people[7]!;
    // On the store's class: on PostgreSQL a round writes through a store bound to its transaction.
    const store = Object.getPrototypeOf(t.store) as Store;
    const saveRisks = store.saveRisks;
    let refused = 0;
    store.saveRisks = async function (this: Store, risks) {
      if (risks.some((r) => r.employee === bad)) {
        refused++;
        throw new Error(`cannot store ${bad}'s score`);
      }
      return saveRisks.call(this, risks);
    };
    onTestFinished(() => { store.saveRisks = saveRisks; });
    const answers = await Promise.all(people.map((p, i) => t.request('/v1/events', { token: tokens[i]!, json: { events: [make.export(p, '2026-11-02T09:00:00Z', { rows: 9000 })] } })));
    // Stored either way; only a request whose own employee could not be scored may be refused (and resent).
    answers.forEach((a, i) => { if (people[i] !== bad) expect(a.status).toBe(200); });
    await t.settle();
    for (const p of people) expect((await t.store.risk(p))?.score, p).toSatisfy((s: number | undefined) => (p === bad ? s === undefined : s! > 0));
    expect(await (await t.request('/metrics', { token: ADMIN })).text()).toContain('crmguard_rescore_backlog 1');
    store.saveRisks = saveRisks;
    await expect.poll(async () => (await t.store.risk(bad))?.score, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 45_000);
});
