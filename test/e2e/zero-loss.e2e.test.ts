import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually } from './product';
import { ENROLLMENT_TOKEN, ServerProcess } from './server-process';
import { TcpProxy, type BatchVerdict } from './tcp-proxy';
import { currentWorker, pressCopies, queueDepth, stopServiceWorkers } from './worker';

const EMPLOYEE = 'zero.loss@acme.example';
const MINUTE = 60_000;

/**
 * Copies on a CRM list view (trusted Ctrl+C, through the real detector, message and queue) while the
 * server is SIGKILLed mid-batch, the network is cut for two minutes, the service worker is stopped
 * mid-flush and the browser restarts: afterwards the server holds exactly one event per copy.
 */
describe('zero loss', () => {
  const proxy = new TcpProxy();
  let server: ServerProcess;
  let fixtures: FixtureServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let dataDir: string;
  let profileDir: string;
  let extensionPath: string;
  /** Copies made so far: the number of crm.copy events the server must end up with. */
  let copies = 0;

  async function openCrm() {
    page = await browser.context.newPage();
    await page.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#contacts-table')!);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
  }

  async function copy(count: number) {
    copies += count;
    await pressCopies(page, count);
  }

  /** Exactly `copies` stored and nothing left in the queue; more than that fails at once. */
  async function allDelivered(timeoutMs = 2 * MINUTE) {
    let seen = '';
    await eventually(async () => {
      const stored = server.countEvents(EMPLOYEE, 'crm.copy');
      if (stored > copies) throw new Error(`${stored} events stored for ${copies} copies`);
      const queued = await queueDepth(browser.context);
      seen = `${stored} stored, ${queued} queued`;
      return stored === copies && queued === 0 ? true : undefined;
    }, timeoutMs, `${copies} copies stored and the queue empty`).catch((error: Error) => {
      throw new Error(`${error.message} (last seen: ${seen})`);
    });
    expect(server.countEvents(EMPLOYEE, 'crm.copy')).toBe(copies);
  }

  /** Resolves once `act` has run on the next batch in `phase`; what it returns decides whether the batch goes through. */
  function onNextBatch(phase: 'request' | 'response', act: () => Promise<BatchVerdict>): Promise<void> {
    return new Promise((resolve, reject) => {
      proxy.onBatch = (seen) => {
        if (seen !== phase) return 'pass';
        proxy.onBatch = undefined;
        return act().then((verdict) => (resolve(), verdict), (error) => (reject(error), 'drop' as const));
      };
    });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-zero-loss-'));
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-profile-'));
    server = new ServerProcess(path.join(dataDir, 'crm-guard.db'));
    await server.start();
    proxy.target = server.port;
    await proxy.listen();
    fixtures = await startFixtureServer();
    // The extension knows only the proxy: the server behind it comes and goes.
    extensionPath = buildExtension({ serverUrl: `http://127.0.0.1:${proxy.port}`, enrollmentToken: ENROLLMENT_TOKEN, employee: EMPLOYEE });
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir });
    await extensionReady(browser.serviceWorker);
    await openCrm();
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await proxy.close();
    await server?.kill();
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing when the server is SIGKILLed mid-batch', async () => {
    const typing = copy(1500);
    // First after the server stored a batch but before its answer left (the sender must resend, the
    // server must not store it twice), then as a batch arrives.
    await onNextBatch('response', async () => (await server.kill(), 'drop'));
    await server.start();
    proxy.target = server.port;
    await onNextBatch('request', async () => (setTimeout(() => void server.kill(), 5), 'pass'));
    await server.kill();
    await server.start();
    proxy.target = server.port;
    await typing;
    await allDelivered();
  }, 4 * MINUTE);

  it('loses nothing when the service worker is stopped mid-flush', async () => {
    const typing = copy(1000);
    // Stopped while a batch is on its way up: its answer never reaches the worker that sent it.
    for (let i = 0; i < 3; i++) await onNextBatch('request', async () => (await stopServiceWorkers(page), 'pass'));
    await typing;
    await allDelivered();
  }, 4 * MINUTE);

  it('loses nothing while the network is cut for two minutes, and sends soon after it returns', async () => {
    await proxy.cut();
    const cutAt = Date.now();
    await copy(1500);
    await eventually(async () => ((await queueDepth(browser.context)) >= 1500 ? true : undefined), MINUTE, 'the copies to be queued');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + 2 * MINUTE - Date.now())));
    await proxy.restore();
    // Retries while the network is down are capped at 30 s apart: a long outage must not mean a long wait after it.
    await allDelivered(MINUTE);
  }, 5 * MINUTE);

  it('keeps its queue on 503 and comes back when Retry-After says, not before', async () => {
    const body = JSON.stringify({ error: { code: 'unavailable', message: 'the database is locked' } });
    const busy = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`;
    let answeredAt = 0;
    await Promise.all([
      onNextBatch('request', async () => ((answeredAt = Date.now()), { answer: busy })),
      copy(50),
    ]);
    let retriedAt = 0;
    proxy.onBatch = (phase) => ((retriedAt ||= phase === 'request' ? Date.now() : 0), 'pass');
    await allDelivered(MINUTE);
    proxy.onBatch = undefined;
    // Lower bounds only: a loaded machine makes the retry later, never earlier.
    expect(retriedAt - answeredAt).toBeGreaterThanOrEqual(8_000);
  }, 3 * MINUTE);

  it('delivers what was still queued when the browser closed, after it restarts', async () => {
    await proxy.cut();
    await copy(1000);
    await eventually(async () => ((await queueDepth(browser.context)) >= 1000 ? true : undefined), MINUTE, 'the copies to be queued');
    // As if the server had failed for hours: browser start must send at once all the same.
    await (await currentWorker(browser.context)).evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ backoff: { attempt: 12, nextAt: Date.now() + 3_600_000 } });
    });
    await browser.close();
    await proxy.restore();
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir });
    await allDelivered();
    expect(copies).toBeGreaterThanOrEqual(5000);
  }, 4 * MINUTE);
});
