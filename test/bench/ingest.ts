/**
 * Ingest throughput through HTTP from 1,000 simulated devices, as a ratio of the raw batched-insert ceiling
 * of the same database measured in the same run (goal ≥ 50 %). The ceiling: the same events, as the same
 * rows, inserted into the same `events` table in transactions of one batch each, by the driver alone,
 * before and after the HTTP run; then again with as many batches to a transaction as the server's group
 * commit put together (read from its /metrics), for comparison. The
 * server: `server/index.ts` in its own process (rescoring on ingest, as deployed), batches sent with
 * `--concurrency` requests in flight, timed until the last answer and the rescore backlog both reach zero.
 * `--servers N` (PostgreSQL only) starts N server processes on the one database and sends each request to
 * the next in turn, as a round-robin load balancer would (docs/scaling.md).
 * `--pin` (PostgreSQL, Linux) keeps PostgreSQL on core 0 and the rest on the others, for the ceiling and the
 * HTTP run alike: the database as if on a machine of its own (test/bench/pin-cores.ts).
 * `--floor node|hono` (PostgreSQL) sends the same batches to test/bench/floor-server.ts instead, the least an
 * HTTP receiver can do (parse, insert, answer), from node:http or as a Hono route: how much of the ceiling
 * Node, the framework and the driver leave on this machine before any of crm-guard's work.
 * Run: npx tsx test/bench/ingest.ts [--backend sqlite|postgres|both] [--devices 1000] [--events 100000] [--batch 50] [--concurrency 32] [--servers 1] [--pin] [--floor node|hono]
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Event } from '../../shared/events';
import { arg, argText, benchEvent, DIR, sleep } from './bench-util';
import { createDevices, freshDatabase, startBenchServer, type Backend } from './bench-server';
import { pinPostgresApart } from './pin-cores';
import { cpuMeter, type CpuTotals } from './proc-cpu';
import { spawnServer } from '../integration/server-process';
import { eventRow, rawInsert } from './raw-insert';
import { TEST_DATABASE_URL } from '../integration/test-stores';
import { thousands, printFigures, type BenchFigure } from './figures';

const DEVICES = arg('devices', 1000);
const EVENTS = arg('events', 100_000);
const BATCH = arg('batch', 50);
const CONCURRENCY = arg('concurrency', 32);
const SERVERS = arg('servers', 1);
const PIN = process.argv.includes('--pin');
const FLOOR = argText('floor', '');
if (FLOOR && !['node', 'hono'].includes(FLOOR)) throw new Error('--floor takes node or hono');
const backends: Backend[] = argText('backend', 'both') === 'both' ? ['sqlite', 'postgres'] : [argText('backend', 'sqlite') as Backend];
// SQLite serves one process only (docs/scaling.md): a second would rescore without a cross-process lock.
if (SERVERS > 1 && backends.includes('sqlite')) throw new Error('--servers above 1 needs --backend postgres');
if (PIN && backends.includes('sqlite')) throw new Error('--pin needs --backend postgres');
if (FLOOR && (backends.includes('sqlite') || SERVERS > 1)) throw new Error('--floor needs --backend postgres and one server');

interface Batch { device: number; events: Event[] }

/** Batch n comes from device n mod DEVICES, whose employee createDevices names `employee.<device>@acme.example`. */
function batches(): Batch[] {
  const list: Batch[] = [];
  for (let n = 0; n < EVENTS / BATCH; n++) {
    const device = n % DEVICES;
    list.push({ device, events: Array.from({ length: BATCH }, (_, i) => benchEvent(`employee.${device}@acme.example`, n + i)) });
  }
  return list;
}

async function ceiling(backend: Backend, work: Batch[], perTransaction = 1) {
  const db = await freshDatabase(backend, 'ingest-raw');
  const receivedAt = new Date().toISOString();
  const rows = work.map((b) => b.events.map((e) => eventRow(e, receivedAt, 'raw')));
  const meter = await cpuMeter([], db.env.DATABASE_URL);
  const cpuBefore = meter?.read();
  const started = performance.now();
  await rawInsert(db.env, rows, perTransaction);
  const seconds = (performance.now() - started) / 1000;
  // The driver's connections have closed: their backends' CPU reaches the postmaster's account once it reaps them.
  if (meter) await sleep(500);
  const cpu = meter && cpuPerEvent(cpuBefore!, meter.read());
  await db.drop();
  return { events: EVENTS, seconds, eventsPerSecond: EVENTS / seconds, cpu };
}

async function viaHttp(backend: Backend, work: Batch[]) {
  const db = await freshDatabase(backend, 'ingest-http');
  const devices = await createDevices(db.store, DEVICES);
  if (devices.some((d, i) => d.employee !== `employee.${i}@acme.example`)) throw new Error('createDevices named its employees otherwise');
  // Serialised before the clock starts, and sent through node:http rather than fetch: the load generator
  // shares the machine's cores with the server and the database, and every CPU-second it spends is taken
  // from them (fetch cost about 1 CPU-second per 50,000 events, a fifth of what the server spent).
  const bodies = work.map((b) => Buffer.from(JSON.stringify({ events: b.events })));
  const servers = FLOOR ? [await spawnServer({ ...db.env as Record<string, string>, FLOOR_FRAMEWORK: FLOOR }, 60_000, 'test/bench/floor-server.ts')]
    : await Promise.all(Array.from({ length: SERVERS }, () => startBenchServer(db.env)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const meter = await cpuMeter(servers.map((s) => s.child.pid!), db.env.DATABASE_URL);
  let next = 0;
  const cpuBefore = meter?.read();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < work.length) {
      const n = next++;
      await post(`${servers[n % SERVERS]!.url}/v1/events`, devices[work[n]!.device]!.token, bodies[n]!, agent);
    }
  }));
  // Until scoring has caught up too: a request may be answered before its employee's rescore (see
  // server/scoring/ingest-scoring.ts), and that work belongs to the ingest as much as the insert does.
  // (The floor server scores nothing and commits each batch alone.)
  const caughtUp = FLOOR ? [] : await Promise.all(servers.map((server) => scoringCaughtUp(server.url)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = meter && cpuPerEvent(cpuBefore!, meter.read());
  const transactions = FLOOR ? work.length : caughtUp.reduce((n, m) => n + counter(m, 'crmguard_event_transactions_total'), 0);
  const written = FLOOR ? work.length : caughtUp.reduce((n, m) => n + counter(m, 'crmguard_event_batches_written_total'), 0);
  agent.destroy();
  await Promise.all(servers.map((server) => server.stop()));
  const stored = await db.store.countEvents();
  await db.drop();
  if (stored !== EVENTS) throw new Error(`${stored} events stored of ${EVENTS}`);
  return { events: EVENTS, requests: work.length, servers: SERVERS, seconds, eventsPerSecond: EVENTS / seconds, transactions, batchesPerTransaction: written / transactions, cpu };
}

/** Microseconds of CPU an event cost each party between two reads. */
function cpuPerEvent(before: CpuTotals, after: CpuTotals) {
  const us = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : ((b - a) * 1e6) / EVENTS);
  return { serverUs: us(before.servers, after.servers), postgresUs: us(before.postgres, after.postgres), clientUs: us(before.client, after.client)! };
}

/** The CPU figures of a line, where /proc had them: `what` costs, in µs an event. */
function cpuText(what: string, cpu: ReturnType<typeof cpuPerEvent> | undefined, client: string): string {
  if (!cpu) return '';
  const parts = [...(cpu.serverUs === undefined ? [] : [`server ${cpu.serverUs.toFixed(0)}`]), ...(cpu.postgresUs === undefined ? [] : [`PostgreSQL ${cpu.postgresUs.toFixed(0)}`]), `${client} ${cpu.clientUs.toFixed(0)}`];
  return `; CPU ${what}: ${parts.join(', ')} µs an event`;
}

/** One batch, which must be answered 200. */
function post(url: string, token: string, body: Buffer, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`ingest: ${response.statusCode} ${Buffer.concat(chunks).toString()}`))));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Polls `/metrics` until no employee waits for a rescore; the last answer. */
async function scoringCaughtUp(url: string): Promise<string> {
  for (;;) {
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer adm_bench' } })).text();
    if (counter(metrics, 'crmguard_rescore_backlog') === 0) return metrics;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function counter(metrics: string, name: string): number {
  const value = new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1];
  if (value === undefined) throw new Error(`no ${name} in /metrics`);
  return Number(value);
}

const results: Record<string, unknown> = {};
const figures: BenchFigure[] = [];
const unpin = PIN ? await pinPostgresApart(TEST_DATABASE_URL) : undefined;
try {
  for (const backend of backends) {
    const work = batches();
    // The ceiling measured before and after, averaged: a noisy machine moves both alike.
    const before = await ceiling(backend, work);
    const throughHttp = await viaHttp(backend, work);
    const after = await ceiling(backend, work);
    const raw = (before.eventsPerSecond + after.eventsPerSecond) / 2;
    const ratio = throughHttp.eventsPerSecond / raw;
    // The server's group commit lets concurrent batches share a transaction, which a client committing each
    // batch cannot: the same rows with as many batches to a commit as the server had, for comparison.
    const perTransaction = Math.max(1, Math.round(throughHttp.batchesPerTransaction));
    // A batch a transaction is the ceiling itself, measured twice already: not a third time.
    const grouped = perTransaction === 1 ? { events: EVENTS, seconds: EVENTS / raw, eventsPerSecond: raw } : await ceiling(backend, work, perTransaction);
    const groupedRatio = throughHttp.eventsPerSecond / grouped.eventsPerSecond;
    results[backend] = { pinned: PIN, floor: FLOOR, raw: [before, after], http: throughHttp, ratio, grouped: { perTransaction, ...grouped, ratio: groupedRatio } };
    console.log(`${backend}: raw batched insert, a transaction a batch, ${before.eventsPerSecond.toFixed(0)} and ${after.eventsPerSecond.toFixed(0)} events/s; `
      + `HTTP from ${DEVICES} devices to ${SERVERS} server process(es), ${BATCH} a batch, ${CONCURRENCY} in flight: ${throughHttp.eventsPerSecond.toFixed(0)} events/s `
      + `= ${(ratio * 100).toFixed(1)} % of the ceiling (goal ≥ 50 %); the server wrote ${throughHttp.batchesPerTransaction.toFixed(1)} batches a transaction, `
      + `raw at ${perTransaction} a transaction ${grouped.eventsPerSecond.toFixed(0)} events/s (HTTP ${(groupedRatio * 100).toFixed(1)} % of it)${PIN ? '; PostgreSQL pinned to core 0' : ''}`
      + cpuText('of the first raw run', before.cpu, 'driver') + cpuText('through HTTP', throughHttp.cpu, 'load generator')
      + (FLOOR ? `; HTTP went to the ${FLOOR} floor server (test/bench/floor-server.ts), not crm-guard` : ''));
    const receiver = FLOOR ? `the ${FLOOR} floor server` : `${SERVERS} server${SERVERS > 1 ? 's' : ''}`;
    figures.push({
      measure: `ingest through HTTP against the raw insert ceiling, ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, batches of ${BATCH}, ${thousands(EVENTS)} events, ${receiver}${PIN ? ', pinned' : ''}`,
      figure: `${(ratio * 100).toFixed(1)} % (${thousands(throughHttp.eventsPerSecond)} of ${thousands(raw)} events/s)`,
      goal: FLOOR ? '— (a floor, not crm-guard)' : '≥ 50 %',
      met: FLOOR ? null : ratio >= 0.5,
    });
  }
} finally {
  unpin?.();
}
fs.mkdirSync(DIR, { recursive: true });
fs.writeFileSync(path.join(DIR, FLOOR ? `ingest-floor-${FLOOR}.json` : 'ingest.json'), JSON.stringify(results, null, 2));
printFigures(figures);
