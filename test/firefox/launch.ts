/**
 * Launches Debian's Firefox ESR with the Firefox build of the extension, over WebDriver BiDi (puppeteer-core
 * drives the stock Firefox; Playwright's Firefox needs a patched build this machine cannot download).
 *
 * What Chromium does with --host-resolver-rules is done here with a proxy: Firefox sends every https host
 * through a CONNECT proxy that forwards to the fixture server, so pages keep their real origins. Loopback
 * (the crm-guard server) is never proxied (`network.proxy.allow_hijacking_localhost` stays false).
 *
 * Enterprise policies (policies.json, with the 3rdparty block that fills `storage.managed`) are read from
 * the `distribution` folder beside the Firefox binary, or /etc/firefox/policies, which every Firefox on the
 * machine shares. So a launch with policies runs a private copy of the install: the binary copied, every
 * other file linked, and a `distribution/policies.json` of its own.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

export interface FirefoxOptions {
  /** The unpacked Firefox build (…/firefox-mv2). */
  extensionPath: string;
  fixturePort: number;
  /** policies.json's `policies` object, e.g. `{ '3rdparty': { Extensions: { [id]: {...} } } }`. */
  policies?: Record<string, unknown>;
  downloadDir?: string;
}

export interface LaunchedFirefox {
  browser: Browser;
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefox(opts: FirefoxOptions): Promise<LaunchedFirefox> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-firefox-'));
  const proxy = await connectProxy(opts.fixturePort);
  const cleanup = () => {
    proxy.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const executablePath = opts.policies ? privateInstall(path.join(tmp, "install"), { policies: opts.policies }) : FIREFOX_PATH;
    const downloadDir = opts.downloadDir ?? path.join(tmp, 'downloads');
    fs.mkdirSync(downloadDir, { recursive: true });
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      protocol: 'webDriverBiDi',
      acceptInsecureCerts: true,
      userDataDir: path.join(tmp, 'profile'),
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.allow_hijacking_localhost': false,
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/octet-stream',
        'browser.download.start_downloads_in_tmp_dir': false,
      },
    });
    const addonId = await browser.installExtension(path.resolve(opts.extensionPath));
    return {
      browser,
      addonId,
      close: async () => {
        await browser.close().catch(() => undefined);
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** A copy of the Firefox install whose `distribution/policies.json` is ours; returns its binary. */
function privateInstall(dir: string, policies: Record<string, unknown>): string {
  const source = path.dirname(fs.realpathSync(FIREFOX_PATH));
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(source)) {
    if (entry === 'distribution') continue;
    // Firefox finds its own folder from the running binary (/proc/self/exe), so the binary is a real copy.
    if (entry === path.basename(fs.realpathSync(FIREFOX_PATH))) fs.copyFileSync(path.join(source, entry), path.join(dir, entry));
    else fs.symlinkSync(path.join(source, entry), path.join(dir, entry));
  }
  fs.chmodSync(path.join(dir, path.basename(fs.realpathSync(FIREFOX_PATH))), 0o755);
  fs.mkdirSync(path.join(dir, 'distribution'));
  fs.writeFileSync(path.join(dir, 'distribution', 'policies.json'), JSON.stringify(policies));
  return path.join(dir, path.basename(fs.realpathSync(FIREFOX_PATH)));
}

/** An HTTP CONNECT proxy that sends every tunnel to the fixture server, whatever host it names. */
async function connectProxy(fixturePort: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.once('data', (head) => {
      if (!/^CONNECT /.test(head.toString('latin1'))) return client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      const upstream = net.connect(fixturePort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
