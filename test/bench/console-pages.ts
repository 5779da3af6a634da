/**
 * Server time per console page at a large organisation: `--employees` people (default 10,000) with
 * scores and a device each, an alert for one in twenty, an HR notice for one in fifty. Each page is
 * asked `--runs` times (default 40) through `app.request` (in-process, no socket: the server's own
 * time) as a security analyst and as an HR partner, both of whose pages show pseudonyms (every answer passes
 * the pseudonym guard); the pages a role may not open are skipped for it. Prints p50 and p95 per page and
 * role and writes test-results/bench/console-pages.json. `--events` (default 100,000) spread over the last
 * 30 days give the activity explorer something to count and list. Goal (issue 18): p95 ≤ 100 ms for every page.
 *
 *   npx tsx test/bench/console-pages.ts --employees 10000 [--backend postgres]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/app';
import { bootstrap } from '../../server/auth/bootstrap';
import { hashToken } from '../../server/auth/secrets';
import { pseudonymId } from '../../server/people/pseudonyms';
import type { Event } from '../../shared/events';
import { freshDatabase, type Backend } from './bench-server';
import { levelFor } from '../../shared/risk';
import { arg, argText, DIR } from './bench-util';

const employees = arg('employees', 10_000);
const runs = arg('runs', 40);
/** Events over the last 30 days, for the activity explorer's charts and timeline. */
const eventCount = arg('events', 100_000);
const NOW = new Date('2026-11-02T10:00:00Z');
const TOKENS = { security: 'sec_console-pages-bench', hr: 'hr_console-pages-bench' } as const;

fs.mkdirSync(DIR, { recursive: true });
const dir = fs.mkdtempSync(path.join(DIR, 'console-pages-'));
const backend = argText('backend', 'sqlite') as Backend;
const database = await freshDatabase(backend, 'console-pages');
const store = database.store;
const { secrets } = await bootstrap(store, { port: 0, host: '127.0.0.1', sqliteFile: path.join(dir, 'crm-guard.db'), databaseUrl: database.env.DATABASE_URL, dataDir: dir, adminToken: 'adm_bench' });
for (const [role, token] of Object.entries(TOKENS)) await store.addApiToken(hashToken(token), role as keyof typeof TOKENS, 'bench');
const app = createApp({ store, secrets, now: () => NOW });

const people = Array.from({ length: employees }, (_, i) => `person${i}@acme.example`);
const iso = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
console.log(`seeding ${employees} people…`);
for (let i = 0; i < people.length; i += 1000) {
  await store.saveRisks(people.slice(i, i + 1000).map((employee, j) => {
    const score = ((i + j) * 37) % 100;
    return { employee, score, level: levelFor(score), factors: [{ id: 'crm_export', points: score, summary: 'Exported more than usual.', eventIds: [] }], updatedAt: iso(j % 600) };
  }));
}
for (const [i, employee] of people.entries()) {
  await store.createDevice({ id: randomUUID(), employee, name: 'laptop', extensionVersion: i % 7 ? '1.4.0' : '1.3.2', enrolledAt: iso(100_000), lastSeenAt: iso(i % 5000) }, hashToken(`dev-${i}`), null);
}
const alertIds: string[] = [];
for (const employee of people.filter((_, i) => i % 20 === 0)) {
  const alert = await store.upsertOpenAlert({
    employee, pattern: 'crm_contacts_exfiltrated', patterns: ['crm_contacts_exfiltrated', 'departure_risk'], score: 85, severity: 'critical',
    title: '48 CRM contacts sent to gmail', eventIds: [], triggerIds: [randomUUID()], details: { totalMatchedContacts: 48 },
  }, iso(alertIds.length));
  alertIds.push(alert!.id);
}
await store.importHr(people.filter((_, i) => i % 50 === 0).map((employee) => ({
  id: randomUUID(), employee, kind: 'resignation_notice' as const, effectiveDate: '2026-10-25', source: 'bench', createdAt: iso(0),
})), [], iso(0));

console.log(`seeding ${eventCount} events…`);
// CRM exports and copies, webmail uploads and pastes: the kinds the explorer charts by CRM and destination.
const CRMS = [['salesforce', 'https://acme.lightning.force.com'], ['hubspot', 'https://app.hubspot.com'], ['dynamics', 'https://acme.crm.dynamics.com']] as const;
const DESTINATIONS = [['gmail', 'https://mail.google.com'], ['outlook_personal', 'https://outlook.live.com'], ['wetransfer', 'https://wetransfer.com']] as const;
const eventOf = (i: number) => {
  const employee = people[(i * 7919) % people.length]!;
  const occurredAt = iso((i * 263) % (30 * 1440));
  const [crm, crmOrigin] = CRMS[i % 3]!;
  const [destination, destinationOrigin] = DESTINATIONS[(i >> 2) % 3]!;
  switch (i % 4) {
    case 0: return { id: randomUUID(), type: 'crm.export', occurredAt, employee, origin: crmOrigin, crm, route: 'download', fileName: 'contacts.csv', format: 'csv', sizeBytes: 2048, rows: 120, columns: 5, emailCount: 120 };
    case 1: return { id: randomUUID(), type: 'crm.copy', occurredAt, employee, origin: crmOrigin, crm, action: 'copy', emailCount: 12, phoneCount: 12, rowCount: 13, charCount: 900 };
    case 2: return { id: randomUUID(), type: 'webmail.upload', occurredAt, employee, origin: destinationOrigin, destination, channel: 'file_input', fileName: 'contacts.csv', sizeBytes: 2048, mimeType: 'text/csv', emailCount: 12 };
    default: return { id: randomUUID(), type: 'webmail.paste', occurredAt, employee, origin: destinationOrigin, destination, emailCount: 5, phoneCount: 0, rowCount: 5, charCount: 300 };
  }
};
const seedDevice = (await store.listDevices(people[0]!))[0]!.id;
for (let i = 0; i < eventCount; i += 2000) {
  await store.insertEvents(seedDevice, Array.from({ length: Math.min(2000, eventCount - i) }, (_, j) => eventOf(i + j)) as Event[], iso(0));
}

const key = await app.services.pseudonymKey();
const pages: [string, string][] = [
  ['overview', '/'],
  ['alerts', '/alerts'],
  ['alerts sorted by age', '/alerts?sort=age&status=open'],
  ['alert', `/alerts/${alertIds[0]}`],
  ['employees', '/employees'],
  ['employee', `/employees/${pseudonymId(key, people[0]!)}`],
  ['watchlist', '/watchlist'],
  ['devices', '/devices'],
  ['activity', '/activity'],
  ['activity, one person', `/activity?employee=${pseudonymId(key, people[20]!)}`],
  ['activity, gmail, 7 days', '/activity?destination=gmail&from=2026-10-27&until=2026-11-02'],
  ['GET /v1/alerts', '/v1/alerts'],
];

const results: Record<string, Record<string, { p50: number; p95: number; status: number }>> = {};
for (const [role, token] of Object.entries(TOKENS)) {
  results[role] = {};
  for (const [name, route] of pages) {
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      const response = await app.request(route, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      status = response.status;
      // The first three warm the caches (the JIT, SQLite's pages); they are not counted.
      if (i >= 3) times.push(performance.now() - started);
      if (status === 403) break;
    }
    if (status === 403) continue;
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
    results[role][name] = { p50: at(0.5), p95: at(0.95), status };
    console.log(`${role.padEnd(9)} ${name.padEnd(22)} ${String(status).padEnd(4)} p50 ${String(at(0.5)).padStart(7)} ms   p95 ${String(at(0.95)).padStart(7)} ms${at(0.95) > 100 ? '   over 100 ms' : ''}`);
  }
}
fs.writeFileSync(path.join(DIR, 'console-pages.json'), JSON.stringify({ employees, events: eventCount, dialect: store.dialect, runs, results }, null, 2));
await database.drop();
fs.rmSync(dir, { recursive: true, force: true });
