/**
 * Request latency under a sustained ingest rate (goal: p99 < 100 ms at 1,000 events/s for 10 minutes).
 * Open loop: every 100 ms the next tenth of a second's events leave as batches from random devices among
 * `--devices`, whether or not earlier requests have been answered; each latency counts from the moment its
 * request was due, so a stalled server cannot hide its queue (no coordinated omission). The server is
 * `server/index.ts` in its own process on a fresh database, rescoring on ingest as deployed.
 * Run: npx tsx test/bench/latency.ts [--backend sqlite|postgres] [--minutes 10] [--rate 1000] [--batch 20] [--devices 1000]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arg, argText, benchEvent, DIR, sleep } from './bench-util';
import { createDevices, freshDatabase, startBenchServer, type Backend } from './bench-server';
import { thousands, metAtSize, printFigures } from './figures';

const BACKEND = argText('backend', 'sqlite') as Backend;
const MINUTES = arg('minutes', 10);
const RATE = arg('rate', 1000);
const BATCH = arg('batch', 20);
const DEVICES = arg('devices', 1000);
const TICK_MS = 100;

function percentile(sorted: number[], q: number) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const db = await freshDatabase(BACKEND, 'latency');
const devices = await createDevices(db.store, DEVICES);
const server = await startBenchServer(db.env);
const latencies: { at: number; ms: number }[] = [];
// At most this many connections; requests due meanwhile wait their turn, and that wait counts in their latency.
const MAX_IN_FLIGHT = 64;
let active = 0;
const waiting: (() => void)[] = [];
const slot = () => new Promise<void>((resolve) => {
  if (active < MAX_IN_FLIGHT) {
    active++;
    resolve();
  } else waiting.push(resolve);
});
const release = () => {
  const next = waiting.shift();
  if (next) next();
  else active--;
};
let failures = 0;
let acknowledged = 0;
const inFlight = new Set<Promise<void>>();
const started = performance.now();
const end = started + MINUTES * 60_000;
let carry = 0;
for (let tick = 0; started + tick * TICK_MS < end; tick++) {
  const due = started + tick * TICK_MS;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  carry += (RATE * TICK_MS) / 1000;
  for (; carry >= BATCH; carry -= BATCH) {
    const device = devices[Math.floor(Math.random() * devices.length)]!;
    const events = Array.from({ length: BATCH }, (_, i) => benchEvent(device.employee, tick + i));
    const request = slot()
      .then(() => fetch(`${server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` }, body: JSON.stringify({ events }) }))
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 200) acknowledged += events.length;
        else failures++;
      }, () => void failures++)
      .finally(() => {
        release();
        latencies.push({ at: due - started, ms: performance.now() - due });
        inFlight.delete(request);
      });
    inFlight.add(request);
  }
}
await Promise.all(inFlight);
const seconds = (performance.now() - started) / 1000;
await server.stop();
const stored = await db.store.countEvents();
await db.drop();

const all = latencies.map((l) => l.ms).sort((a, b) => a - b);
const perMinute = Array.from({ length: Math.ceil(MINUTES) }, (_, m) => {
  const minute = latencies.filter((l) => l.at >= m * 60_000 && l.at < (m + 1) * 60_000).map((l) => l.ms).sort((a, b) => a - b);
  return Math.round(percentile(minute, 0.99));
});
const result = {
  backend: BACKEND, minutes: MINUTES, targetRate: RATE, batch: BATCH, devices: DEVICES, requests: all.length, failures,
  achievedRate: acknowledged / seconds, stored, p50: percentile(all, 0.5), p95: percentile(all, 0.95), p99: percentile(all, 0.99), max: all.at(-1), p99PerMinute: perMinute,
};
console.log(`${BACKEND}: ${RATE} events/s offered for ${MINUTES} min in batches of ${BATCH} from ${DEVICES} devices: ${result.achievedRate.toFixed(0)} events/s acknowledged, ${failures} failed; latency p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (goal < 100 ms), max ${result.max?.toFixed(0)} ms; p99 per minute ${perMinute.join(', ')} ms`);
fs.mkdirSync(DIR, { recursive: true });
fs.writeFileSync(path.join(DIR, `latency-${BACKEND}.json`), JSON.stringify(result, null, 2));
printFigures([{
  measure: `ingest latency p99, ${BACKEND === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${thousands(RATE)} events/s offered for ${MINUTES} min`,
  figure: `${result.p99.toFixed(1)} ms (p50 ${result.p50.toFixed(1)}, p95 ${result.p95.toFixed(1)}; ${thousands(result.achievedRate)} events/s acknowledged, ${failures} failed)`,
  goal: '< 100 ms at 1,000 events/s for 10 min',
  met: metAtSize(MINUTES >= 10 && RATE >= 1000, result.p99 < 100 && failures === 0),
}]);
