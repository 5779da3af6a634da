import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CRM_FIXTURE_HOSTS } from '../fixtures/crm';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady } from './actions';
import { DEFAULT_FIXTURE_HOSTS, launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually, startProduct, type TestProduct } from './product';

export type StoredEvent = Record<string, any>;

/** The product, the fixture server for every CRM host, and Chromium with the extension built for them. */
export interface CrmSession {
  product: TestProduct;
  fixtures: FixtureServer;
  browser: LaunchedBrowser;
  employee: string;
  downloads: string;
  /** Polls the server until an event of `type` since `since` satisfies `match`. */
  waitForEvent(type: string, since: Date, match: (e: StoredEvent) => boolean, what: string): Promise<StoredEvent>;
  events(type: string, since: Date): Promise<StoredEvent[]>;
  /** Clicks `selector` and saves the download it starts. */
  download(page: Page, selector: string): Promise<void>;
  close(): Promise<void>;
}

export async function startCrmSession(employee: string): Promise<CrmSession> {
  const product = await startProduct();
  const fixtures = await startFixtureServer();
  const extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee });
  const browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, hosts: [...DEFAULT_FIXTURE_HOSTS, ...CRM_FIXTURE_HOSTS] });
  await extensionReady(browser.serviceWorker);
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-downloads-'));
  const events = async (type: string, since: Date) =>
    (await product.api<{ events: StoredEvent[] }>(`/v1/events?employee=${employee}&type=${type}&since=${encodeURIComponent(since.toISOString())}&limit=1000`)).events;
  return {
    product, fixtures, browser, employee, downloads, events,
    waitForEvent: (type, since, match, what) => eventually(async () => (await events(type, since)).find(match), 20_000, what),
    async download(page, selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      await download.saveAs(path.join(downloads, `${Date.now()}-${download.suggestedFilename()}`));
    },
    async close() {
      await browser.close();
      await fixtures.close();
      await product.close();
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}
