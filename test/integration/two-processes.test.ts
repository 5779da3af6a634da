import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoringSettings } from '../../server/policy/policy';
import { rescoreEmployee } from '../../server/scoring/rescore';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import { fingerprints, make } from './harness';
import { spawnServer, type ServerProcess } from './server-process';
import { freshSchemaUrl, openSqliteTestStore, postgresSkipNotice, postgresUnavailable } from './test-stores';

const ADMIN = 'adm_two-processes';
const ENROLL = 'enr_two-processes';
const EMPLOYEES = ['ann@acme.test', 'bob@acme.test', 'cho@acme.test', 'dee@acme.test'];
// Part of `npm run test:postgres`; the SQLite run has nothing to share between processes.
const onPostgres = process.env.CRMGUARD_TEST_BACKEND === 'postgres';
const unavailable = onPostgres ? await postgresUnavailable(undefined, 10_000) : 'not the PostgreSQL run';
if (onPostgres && unavailable) console.warn(postgresSkipNotice('two-processes.test.ts', unavailable));

type Batch = { token: string; events: Event[] };

/** Per employee: CRM exports and copies, then uploads of the same fingerprints (lineage, so alerts), now-ish. */
function workload(tokens: Map<string, string>) {
  const start = Date.now() - 3 * 3_600_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const batches: Batch[] = [];
  for (const [employee, token] of tokens) {
    const events: Event[] = [];
    // Collected in all (6 exports, 300 rows and 480 copied contacts) and sent (36 contacts) stay under the
    // whole-window floors, so the peers' totals, cached per process and taken while others' batches still
    // arrive, cannot decide a score: what is compared is the racing writes, not the cache's age.
    for (let i = 0; i < 40; i++) {
      if (i % 7 === 0) events.push(Event.parse(make.export(employee, at(i), { rows: 50, emailCount: 50 })));
      events.push(Event.parse(make.copy(employee, at(i), { fingerprints: fingerprints(12, i * 12) })));
    }
    for (let i = 0; i < 3; i++) events.push(Event.parse(make.upload(employee, at(60 + i), { emailCount: 12, fingerprints: fingerprints(12, i * 12) })));
    // Small batches, all in flight at once: many rescores of one employee race each other.
    for (let i = 0; i < events.length; i += 4) batches.push({ token, events: events.slice(i, i + 4) });
    // Overlapping: straddles two batches above.
    batches.push({ token, events: events.slice(5, 25) });
  }
  return batches;
}

describe.skipIf(unavailable !== undefined)('two server processes on one PostgreSQL schema', () => {
  const schema = freshSchemaUrl();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-two-'));
  let servers: ServerProcess[] = [];
  let store: Store;

  beforeAll(async () => {
    const env = { DATABASE_URL: schema.url, CRMGUARD_ADMIN_TOKEN: ADMIN, CRMGUARD_ENROLLMENT_TOKEN: ENROLL, CRMGUARD_DB: path.join(dir, 'unused.db') };
    // Started together: both migrate the fresh schema at once.
    servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    store = await openPostgresStore(schema.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
    await schema.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('store each event once, keep one open alert per employee and pattern, and agree on scores', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const tokens = new Map<string, string>();
    for (const [i, employee] of EMPLOYEES.entries()) {
      const response = await fetch(`${(i % 2 ? b : a).url}/v1/enroll`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentToken: ENROLL, employeeEmail: employee, device: { name: 'two-processes' } }),
      });
      expect(response.status).toBe(201);
      tokens.set(employee, ((await response.json()) as { deviceToken: string }).deviceToken);
    }
    const batches = workload(tokens);
    // Every batch to both servers at the same moment, all batches in flight together.
    const results = await Promise.all(batches.flatMap((batch) => [a, b].map(async (server) => {
      const response = await fetch(`${server.url}/v1/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${batch.token}` }, body: JSON.stringify({ events: batch.events }),
      });
      expect(response.status, `${await response.clone().text()}\n${server.output().slice(-3000)}`).toBe(200);
      return (await response.json()) as { accepted: number; duplicate: number };
    })));
    const sent = new Map(batches.flatMap((batch) => batch.events.map((e) => [e.id, e])));
    // Exactly once: every id acknowledged as new by one request only, and stored once.
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(sent.size);
    expect(await store.countEvents()).toBe(sent.size);

    // The daily sums equal those of a store that received every event once.
    const reference = await openSqliteTestStore();
    try {
      for (const employee of EMPLOYEES) {
        const deviceId = `reference-${employee}`;
        await reference.store.createDevice({ id: deviceId, employee, name: null, extensionVersion: null, enrolledAt: new Date().toISOString(), lastSeenAt: null }, deviceId, null);
        await reference.store.insertEvents(deviceId, [...sent.values()].filter((e) => e.employee === employee), new Date().toISOString());
      }
      const range = { dailySince: '2000-01-01', eventsSince: '2000-01-01T00:00:00.000Z' };
      const daily = (s: Store) => s.scoringData('all', range).then((m) => new Map([...m].map(([e, d]) => [e, d.daily])));
      expect(await daily(store)).toEqual(await daily(reference.store));
    } finally {
      await reference.destroy();
    }

    const alerts = await store.listAlerts({});
    expect(alerts.length).toBeGreaterThanOrEqual(EMPLOYEES.length);
    const open = alerts.filter((x) => x.status === 'open' || x.status === 'investigating').map((x) => `${x.employee} ${x.pattern}`);
    expect(open).toEqual([...new Set(open)]);

    // A batch answered while its employee's rescore was coalesced is scored within seconds: wait until both caught up.
    const backlog = async (server: ServerProcess) => /^crmguard_rescore_backlog (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text())?.[1];
    await expect.poll(async () => [await backlog(a), await backlog(b)], { timeout: 30_000, interval: 100 }).toEqual(['0', '0']);

    // Both processes serve the same scores, and each is what scoring the final data gives at its moment.
    const fetchRisks = async (server: ServerProcess) => (await (await fetch(`${server.url}/v1/employees`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as EmployeeRisk[];
    const [fromA, fromB] = await Promise.all([fetchRisks(a), fetchRisks(b)]);
    expect(fromA).toEqual(fromB);
    expect(fromA.map((r) => r.employee).sort()).toEqual(EMPLOYEES);
    const settings = await scoringSettings(store, (await store.getSetting('fingerprint_salt'))!);
    for (const stored of fromA) {
      expect(stored.score).toBeGreaterThan(0);
      const fresh = await rescoreEmployee(store, stored.employee, new Date(stored.updatedAt), settings);
      expect({ score: fresh.score, level: fresh.level, factors: fresh.factors }).toEqual({ score: stored.score, level: stored.level, factors: stored.factors });
    }
  }, 180_000);
});
