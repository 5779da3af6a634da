/**
 * Server memory with 2,000,000 events stored (target: RSS ≤ 300 MB). Loads the organisation risk-speed.ts
 * uses (its first chunk of 500 people, repeated under other names) into SQLite, its dates moved by whole weeks to end yesterday (so the server's own clock scores all of
 * it), starts `server/index.ts` on it as its own process, and samples the process's RSS while it runs its
 * start-up full rescore and then serves ingest from 200 devices and the console's reads for `--seconds`.
 * The loaded database is kept as a copy: `--reuse` starts from that copy, not from what an earlier run's
 * traffic added (each run adds up to 250,000 events for the same 200 employees, and a grown database
 * measured several runs later is not the organisation this measures).
 * Run: npx tsx test/bench/memory.ts [--employees 10000] [--events 2000000] [--seconds 60] [--reuse]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { hashToken } from '../../server/auth/secrets';
import { openSqliteStore } from '../../server/store/sqlite';
import { spawnServer } from '../integration/server-process';
import { largeOrganisation } from './large-org';
import type { SyntheticEmployee } from './synthetic-org';
import { arg, benchEvent, DIR, rss, sleep } from './bench-util';
import { thousands, metAtSize, printFigures } from './figures';

const EMPLOYEES = arg('employees', 10_000);
const EVENTS = arg('events', 2_000_000);
const SECONDS = arg('seconds', 60);
const DEVICES = 200;
const file = path.join(DIR, 'memory.db');
/** The database as loaded, before any server ran on it. */
const loaded = path.join(DIR, 'memory.loaded.db');
const DAY = 86_400_000;

async function load() {
  fs.mkdirSync(DIR, { recursive: true });
  for (const f of [file, loaded]) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(f + suffix, { force: true });
  const store = await openSqliteStore(file);
  // The synthetic period ends 2026-09-29; whole weeks keep each weekday a weekday.
  const shift = Math.floor((Date.now() - DAY - Date.parse('2026-09-29T00:00:00Z')) / (7 * DAY)) * 7 * DAY;
  const moved = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  let stored = 0;
  const started = performance.now();
  // One generated chunk of 500 people, repeated under other names: generating all twenty takes a quarter of an
  // hour on a busy machine, and memory depends on how much is stored, not on how varied it is.
  const template = largeOrganisation(500, EVENTS / (EMPLOYEES / 500)).next().value as SyntheticEmployee[];
  for (let chunk = 0; chunk < EMPLOYEES / 500; chunk++) {
    const people = template.map((p) => ({ ...p, email: p.email.replace('.0@', `.${chunk}@`) }));
    await store.setDirectory(people.map((p) => ({ employee: p.email, department: p.role })), new Date().toISOString());
    for (const p of people) {
      const events = p.events.map((e) => ({ ...e, employee: p.email, id: `${chunk.toString(16).padStart(8, '0')}${e.id.slice(8)}`, occurredAt: moved(e.occurredAt) }));
      for (let i = 0; i < events.length; i += 5000) stored += (await store.insertEvents('bench-device', events.slice(i, i + 5000), new Date().toISOString())).inserted.length;
      for (const s of p.hr) await store.addHrSignal({ id: randomUUID(), employee: p.email, kind: s.kind, effectiveDate: moved(`${s.effectiveDate}T00:00:00Z`).slice(0, 10), source: 'bench', createdAt: new Date().toISOString() });
    }
    console.log(`loaded ${stored} events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await store.close();
  // Closing checkpoints the WAL into the file; whatever of it is left is copied too.
  for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, loaded + suffix);
}

/** The loaded copy back in place, with no WAL of an earlier run beside it. */
function restoreLoaded() {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  for (const suffix of ['', '-wal']) if (fs.existsSync(loaded + suffix)) fs.copyFileSync(loaded + suffix, file + suffix);
}

async function main() {
  if (process.argv.includes('--reuse') && fs.existsSync(loaded)) restoreLoaded();
  else await load();
  // Devices of the first employees, enrolled straight in the database; the start-up full rescore is due.
  const db = new SQLite(file);
  const employees = db.prepare('select distinct employee from directory order by employee limit ?').pluck().all(DEVICES) as string[];
  const tokens = employees.map((employee, i) => {
    const token = `dev_memory-bench-${i}`;
    db.prepare('insert or ignore into devices (id, token_hash, employee, enrolled_at) values (?, ?, ?, ?)').run(`memory-bench-${i}`, hashToken(token), employee, new Date().toISOString());
    return { employee, token };
  });
  db.prepare("delete from settings where key = 'rescore_all_last_run'").run();
  const stored = db.prepare('select count(*) from events').pluck().get() as number;
  const server = await spawnServer({ CRMGUARD_DB: file, CRMGUARD_ADMIN_TOKEN: 'adm_memory', CRMGUARD_ENROLLMENT_TOKEN: 'enr_memory' });
  const pid = server.child.pid!;
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rss(pid).rssMb), 200);
  const started = performance.now();
  while (!db.prepare("select value from settings where key = 'rescore_all_last_run'").pluck().get()) await sleep(500);
  const rescoreSeconds = (performance.now() - started) / 1000;
  const afterRescore = rss(pid).rssMb;
  // Then traffic: batches from the devices, and the console's lists.
  const until = performance.now() + SECONDS * 1000;
  let sent = 0;
  for (let round = 0; performance.now() < until; round++) {
    const { employee, token } = tokens[round % tokens.length]!;
    const events = Array.from({ length: 50 }, (_, i) => benchEvent(employee, i));
    const response = await fetch(`${server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events }) });
    if (response.status !== 200) throw new Error(`ingest: ${response.status} ${await response.text()}`);
    sent += events.length;
    if (round % 50 === 0) {
      for (const route of ['/v1/employees', '/v1/events?limit=1000', '/v1/alerts']) await (await fetch(`${server.url}${route}`, { headers: { authorization: 'Bearer adm_memory' } })).arrayBuffer();
    }
  }
  clearInterval(sampler);
  const { rssMb, peakMb } = rss(pid);
  await server.stop();
  db.close();
  const result = { eventsStored: stored, startupFullRescoreSeconds: rescoreSeconds, rssAfterFullRescoreMb: afterRescore, eventsSentAfter: sent, rssAtEndMb: rssMb, peakRssMb: peakMb, sampledMaxMb: Math.max(...samples) };
  console.log(`memory: ${stored} events stored; RSS after the start-up full rescore (${rescoreSeconds.toFixed(1)} s) ${afterRescore.toFixed(0)} MB, after ${SECONDS} s of ingest (${sent} events) and console reads ${rssMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB (target ≤ 300 MB)`);
  fs.writeFileSync(path.join(DIR, 'memory.json'), JSON.stringify(result, null, 2));
  printFigures([{
    measure: `server peak RSS, ${thousands(stored)} events stored (SQLite), start-up full rescore then ${SECONDS} s of ingest`,
    figure: `${peakMb.toFixed(0)} MB`,
    goal: '≤ 300 MB at 2,000,000 events',
    met: metAtSize(stored >= 2_000_000, peakMb <= 300),
  }]);
}

await main();
