import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady } from '../e2e/actions';
import { launchWithExtension, type LaunchedBrowser } from '../e2e/browser';
import { buildExtension } from '../e2e/product';
import { ENROLLMENT_TOKEN, ServerProcess } from '../e2e/server-process';
import { TcpProxy } from '../e2e/tcp-proxy';
import { DEVTOOLS_PORT_ARG } from './devtools';

/** The real server as its own process, the built extension in Chromium, a CRM list view with its table selected. */
export interface BrowserBench {
  server: ServerProcess;
  /** Between the extension and the server, so a benchmark can take the server away. */
  proxy: TcpProxy;
  fixtures: FixtureServer;
  browser: LaunchedBrowser;
  profileDir: string;
  crm: Page;
  close(): Promise<void>;
}

export async function startBrowserBench(employee: string): Promise<BrowserBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-bench-'));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-profile-'));
  const server = new ServerProcess(path.join(dataDir, 'crm-guard.db'));
  await server.start();
  const proxy = new TcpProxy();
  proxy.target = server.port;
  await proxy.listen();
  const fixtures = await startFixtureServer();
  const extensionPath = buildExtension({ serverUrl: `http://127.0.0.1:${proxy.port}`, enrollmentToken: ENROLLMENT_TOKEN, employee });
  const browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir, extraArgs: [DEVTOOLS_PORT_ARG] });
  await extensionReady(browser.serviceWorker);
  const crm = await browser.context.newPage();
  await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
  await selectContacts(crm);
  return {
    server, proxy, fixtures, browser, profileDir, crm,
    async close() {
      await browser.close();
      await fixtures.close();
      await proxy.close();
      await server.kill();
      for (const dir of [profileDir, dataDir, path.dirname(extensionPath)]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Selects the contact table, as a person about to copy the list view would. */
export async function selectContacts(crm: Page): Promise<void> {
  await crm.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('#contacts-table')!);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
}

/** p-th percentile (nearest rank) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(samples: readonly number[]): string {
  return `n=${samples.length} p50=${percentile(samples, 50).toFixed(0)} ms p95=${percentile(samples, 95).toFixed(0)} ms max=${Math.max(...samples).toFixed(0)} ms`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
