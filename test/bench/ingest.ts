/**
 * Ingest throughput through HTTP from 1,000 simulated devices, as a ratio of the raw batched-insert ceiling
 * of the same database measured in the same run (goal ≥ 50 %). The ceiling: the same events, as the same
 * rows, inserted into the same `events` table in transactions of one batch each, by the driver alone. The
 * server: `server/index.ts` in its own process (rescoring on ingest, as deployed), batches sent with
 * `--concurrency` requests in flight, timed until the last answer and the rescore backlog both reach zero.
 * `--servers N` (PostgreSQL only) starts N server processes on the one database and sends each request to
 * the next in turn, as a round-robin load balancer would (docs/scaling.md).
 * Run: npx tsx test/bench/ingest.ts [--backend sqlite|postgres|both] [--devices 1000] [--events 100000] [--batch 50] [--concurrency 32] [--servers 1]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { factsOf } from '../../server/store/activity';
import type { Event } from '../../shared/events';
import { arg, argText, benchEvent, DIR } from './bench-util';
import { createDevices, freshDatabase, startBenchServer, type Backend } from './bench-server';
import { rawInsert } from './raw-insert';

const DEVICES = arg('devices', 1000);
const EVENTS = arg('events', 100_000);
const BATCH = arg('batch', 50);
const CONCURRENCY = arg('concurrency', 32);
const SERVERS = arg('servers', 1);
const backends: Backend[] = argText('backend', 'both') === 'both' ? ['sqlite', 'postgres'] : [argText('backend', 'sqlite') as Backend];
// SQLite serves one process only (docs/scaling.md): a second would rescore without a cross-process lock.
if (SERVERS > 1 && backends.includes('sqlite')) throw new Error('--servers above 1 needs --backend postgres');

function batches(devices: { employee: string; token: string }[]) {
  const list: { token: string; events: Event[] }[] = [];
  for (let n = 0; n < EVENTS / BATCH; n++) {
    const device = devices[n % devices.length]!;
    list.push({ token: device.token, events: Array.from({ length: BATCH }, (_, i) => benchEvent(device.employee, n + i)) });
  }
  return list;
}

async function ceiling(backend: Backend, work: { token: string; events: Event[] }[]) {
  const db = await freshDatabase(backend, 'ingest-raw');
  const receivedAt = new Date().toISOString();
  const rows = work.map((b) => b.events.map((e) => ({ id: e.id, type: e.type, occurred_at: e.occurredAt, received_at: receivedAt, employee: e.employee, device_id: 'raw', origin: e.origin, body: JSON.stringify(e), facts: factsOf(e) })));
  const started = performance.now();
  await rawInsert(db.env, rows);
  const seconds = (performance.now() - started) / 1000;
  await db.drop();
  return { events: EVENTS, seconds, eventsPerSecond: EVENTS / seconds };
}

async function http(backend: Backend) {
  const db = await freshDatabase(backend, 'ingest-http');
  const devices = await createDevices(db.store, DEVICES);
  const work = batches(devices);
  const servers = await Promise.all(Array.from({ length: SERVERS }, () => startBenchServer(db.env)));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < work.length) {
      const n = next++;
      const batch = work[n]!;
      const response = await fetch(`${servers[n % SERVERS]!.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${batch.token}` }, body: JSON.stringify({ events: batch.events }) });
      if (response.status !== 200) throw new Error(`ingest: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  }));
  // Until scoring has caught up too: a request may be answered before its employee's rescore (see
  // server/ingest-scoring.ts), and that work belongs to the ingest as much as the insert does.
  await Promise.all(servers.map((server) => scoringCaughtUp(server.url)));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(servers.map((server) => server.stop()));
  const stored = await db.store.countEvents();
  await db.drop();
  if (stored !== EVENTS) throw new Error(`${stored} events stored of ${EVENTS}`);
  return { work, result: { events: EVENTS, requests: work.length, servers: SERVERS, seconds, eventsPerSecond: EVENTS / seconds } };
}

/** Polls `/metrics` until no employee waits for a rescore. */
async function scoringCaughtUp(url: string) {
  for (;;) {
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer adm_bench' } })).text();
    const backlog = /^crmguard_rescore_backlog (\d+)$/m.exec(metrics)?.[1];
    if (backlog === undefined) throw new Error('no crmguard_rescore_backlog in /metrics');
    if (backlog === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const results: Record<string, unknown> = {};
for (const backend of backends) {
  // The ceiling measured before and after, averaged: a noisy machine moves both alike.
  const { work, result: viaHttp } = await http(backend);
  const rawRuns = [await ceiling(backend, work), await ceiling(backend, work)];
  const raw = { ...rawRuns[0]!, eventsPerSecond: (rawRuns[0]!.eventsPerSecond + rawRuns[1]!.eventsPerSecond) / 2 };
  const ratio = viaHttp.eventsPerSecond / raw.eventsPerSecond;
  results[backend] = { raw: rawRuns, http: viaHttp, ratio };
  console.log(`${backend}: raw batched insert ${rawRuns.map((r) => r.eventsPerSecond.toFixed(0)).join(' and ')} events/s; HTTP from ${DEVICES} devices to ${SERVERS} server process(es), ${BATCH} a batch, ${CONCURRENCY} in flight: ${viaHttp.eventsPerSecond.toFixed(0)} events/s = ${(ratio * 100).toFixed(1)} % of the ceiling (goal ≥ 50 %)`);
}
fs.mkdirSync(DIR, { recursive: true });
fs.writeFileSync(path.join(DIR, 'ingest.json'), JSON.stringify(results, null, 2));
