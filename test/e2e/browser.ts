/**
 * Launches Debian's Chromium with an unpacked extension, for end-to-end tests.
 *
 * playwright-core + /usr/bin/chromium because `npx playwright install` cannot
 * download browsers here. Real CRM/webmail hostnames are sent to the local
 * fixture server with --host-resolver-rules: "MAP host 127.0.0.1:PORT" rewrites
 * both address AND port, so https://acme.lightning.force.com/… (implicit :443)
 * reaches the fixture server's random port while the page keeps its real
 * origin (verified in test/e2e/fixtures.e2e.test.ts). The fixture cert is
 * self-signed, hence ignoreHTTPSErrors (the hosts are HSTS-preloaded, so
 * plain HTTP is not an option).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DEFAULT_FIXTURE_HOSTS: readonly string[] = ['acme.lightning.force.com', 'mail.google.com'];

export interface LaunchOptions {
  /** Absolute or cwd-relative path to the unpacked extension (e.g. .output/chrome-mv3). */
  extensionPath: string;
  /** Port of startFixtureServer(). */
  fixturePort: number;
  /** Reused as-is and NOT deleted on close; default: a fresh temp dir, deleted on close. */
  profileDir?: string;
  /** Hostnames to send to the fixture server. */
  hosts?: string[];
  /** More Chromium switches (benchmarks open a DevTools port to reach the service worker). */
  extraArgs?: string[];
  /**
   * The browser's preferred language (navigator.language), e.g. `ru`. Headless Chromium takes it from
   * `--accept-lang` and ignores both `--lang` and the profile's language settings (checked on Chromium 156).
   */
  language?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(opts: LaunchOptions): Promise<LaunchedBrowser> {
  const ext = path.resolve(opts.extensionPath);
  const hosts = opts.hosts ?? [...DEFAULT_FIXTURE_HOSTS];
  const ownProfile = opts.profileDir === undefined;
  const profileDir = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-profile-'));
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${opts.fixturePort}`).join(', ');

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      // These stop Chromium flooding the offline network with background requests.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The fixture server speaks TCP only; don't let Chromium try HTTP/3 first.
      '--disable-quic',
      // The fixture certificate is self-signed; ignoreHTTPSErrors covers pages, this covers the extension's own fetches.
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}`,
      ...(opts.language ? [`--lang=${opts.language}`, `--accept-lang=${opts.language}`] : []),
      ...(opts.extraArgs ?? []),
    ],
  });

  try {
    // An MV3 service worker may have started before we subscribed, so check first.
    const isExtWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
    const serviceWorker =
      context.serviceWorkers().find(isExtWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtWorker, timeout: 30_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      serviceWorker,
      extensionId,
      close: async () => {
        await context.close();
        if (ownProfile) fs.rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close();
    if (ownProfile) fs.rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
}
