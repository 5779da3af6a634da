/**
 * From the action in the browser to the alert visible through the API (issue 6: p95 < 2 s).
 * The built extension in Chromium, the real server as its own process on SQLite. Each sample is a new
 * employee (set as the options page sets it): a copy of the CRM contact list, stored; then the clock
 * starts, the exported list is attached in a personal Gmail compose window, and `GET /v1/alerts` is
 * polled until the lineage alert (`crm_contacts_exfiltrated`) for that employee shows.
 * Run: npx tsx test/bench/alert-latency.ts [--samples 40]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contactsCsv } from '../fixtures/contacts';
import { eventually } from '../e2e/product';
import { currentWorker } from '../e2e/worker';
import { percentile, sleep, startBrowserBench, summary } from './in-browser';
import { printFigures } from './figures';

const i = process.argv.indexOf('--samples');
const SAMPLES = i >= 0 ? Number(process.argv[i + 1]) : 40;

const bench = await startBrowserBench('alert-0@acme.example');
const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-alert-')), 'clients.csv');
fs.writeFileSync(csv, contactsCsv());
try {
  const mail = await bench.browser.context.newPage();
  await mail.goto(bench.fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
  const latencies: number[] = [];
  for (let n = 1; n <= SAMPLES + 2; n++) {
    const employee = `alert-${n}@acme.example`;
    await (await currentWorker(bench.browser.context)).evaluate(async (employeeEmail) => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ config: { employeeEmail } });
    }, employee);
    await eventually(async () => (await currentWorker(bench.browser.context)).evaluate(async (email) => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      const { device } = await chrome.storage.local.get('device');
      return device?.employee === email ? true : undefined;
    }, employee), 20_000, `${employee} enrolled`);
    await bench.crm.bringToFront();
    await bench.crm.keyboard.press('Control+C');
    await eventually(async () => (bench.server.countEvents(employee, 'crm.copy') === 1 ? true : undefined), 20_000, 'the copy stored');

    await mail.bringToFront();
    // Choosing the same file again is no change to the input; start from an empty one, as a new compose window would.
    await mail.evaluate(() => ((document.querySelector('#attach-input') as HTMLInputElement).value = ''));
    const start = performance.now();
    await mail.setInputFiles('#attach-input', csv);
    for (;;) {
      const alerts = await bench.server.api<{ pattern: string }[]>(`/v1/alerts?employee=${encodeURIComponent(employee)}`);
      if (alerts.some((a) => a.pattern === 'crm_contacts_exfiltrated')) break;
      if (performance.now() - start > 30_000) throw new Error(`no alert for ${employee} after 30 s`);
      await sleep(5);
    }
    // The first two warm up the worker, the fingerprinting and the server's statements.
    if (n > 2) latencies.push(performance.now() - start);
  }
  console.log(`upload → alert visible through the API: ${summary(latencies)} (target p95 < 2000 ms: ${percentile(latencies, 95) < 2000 ? 'met' : 'NOT met'})`);
  const p95 = percentile(latencies, 95);
  printFigures([{ measure: `CRM contacts attached in personal webmail → alert visible through the API, p95 of ${latencies.length} employees`, figure: `${p95.toFixed(0)} ms`, goal: '< 2 s', met: p95 < 2000 }]);
} finally {
  await bench.close();
  fs.rmSync(path.dirname(csv), { recursive: true, force: true });
}
