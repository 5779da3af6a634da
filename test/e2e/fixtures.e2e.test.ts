/**
 * Proves the fixture server + browser harness work in real Chromium, before any
 * crm-guard logic is involved: a do-nothing MV3 extension is loaded only so the
 * harness has a service worker to find. If this file fails, extension e2e
 * failures are about the environment, not about crm-guard.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeUrl from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { FIXTURE_CONTACTS, contactsCsv } from '../fixtures/contacts';
import { launchWithExtension, type LaunchedBrowser } from './browser';

const ROOT = path.resolve(path.dirname(nodeUrl.fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
const CRM = 'acme.lightning.force.com';
const MAIL = 'mail.google.com';

describe('fixture pages in Chromium', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let tmp: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-fixtures-'));
    const ext = path.join(tmp, 'ext');
    fs.mkdirSync(ext);
    fs.writeFileSync(
      path.join(ext, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'fixture-probe', version: '0.0.1', background: { service_worker: 'bg.js' } }),
    );
    fs.writeFileSync(path.join(ext, 'bg.js'), '// intentionally empty\n');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionPath: ext, fixturePort: server.port });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(host: string, p: string): Promise<Page> {
    const page = await browser.context.newPage();
    const res = await page.goto(server.url(host, p));
    expect(res?.status()).toBe(200);
    return page;
  }

  it('finds the extension service worker and id', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.serviceWorker.url()).toBe(`chrome-extension://${browser.extensionId}/bg.js`);
  });

  it('maps the real hostname on :443 to the fixture server random port', async () => {
    expect(server.port).not.toBe(443);
    const page = await open(CRM, '/lightning/o/Contact/list');
    expect(await page.evaluate(() => location.origin)).toBe(`https://${CRM}`);
    expect(await page.title()).toBe('Contacts | Salesforce');
    await page.close();
  });

  it('shows the Lightning contacts list and downloads contacts.csv on Export', async () => {
    const page = await open(CRM, '/lightning/o/Contact/list');
    await expect.poll(() => page.locator('#contacts-table tbody tr').count()).toBe(FIXTURE_CONTACTS.length);
    expect(await page.locator('#contacts-table').innerText()).toContain('Иван Петров');
    expect(await page.locator('#contacts-table').innerText()).toContain('王伟');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'fixture-salesforce-contacts.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
    expect(download.suggestedFilename()).toBe('contacts.csv');
    expect(download.url()).toBe(`https://${CRM}/export/contacts.csv`);
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(contactsCsv());
    await page.close();
  });

  it('makes a blob: download on Export (blob)', async () => {
    const page = await open(CRM, '/lightning/o/Contact/list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-blob')]);
    expect(download.suggestedFilename()).toBe('contacts-blob.csv');
    expect(download.url()).toMatch(new RegExp(`^blob:https://${CRM.replace(/\./g, '\\.')}/`));
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(contactsCsv());
    await page.close();
  });

  it('opens a contact record from the list', async () => {
    const page = await open(CRM, '/lightning/o/Contact/list');
    await page.click(`#contacts-table a[title="${FIXTURE_CONTACTS[2]!.firstName} ${FIXTURE_CONTACTS[2]!.lastName}"]`);
    await page.waitForURL(/\/lightning\/r\/Contact\/003\w{15}\/view$/);
    expect(await page.locator('[data-field="Email"]').innerText()).toBe(FIXTURE_CONTACTS[2]!.email);
    await page.close();
  });

  it('attaches files in the Gmail compose window (hidden input, chooser, drop)', async () => {
    const csvPath = path.join(tmp, 'clients-export.csv');
    fs.writeFileSync(csvPath, contactsCsv());
    const page = await open(MAIL, '/mail/u/0/');
    await page.fill('#compose-to', 'me.personal@example-mail.com');
    await page.fill('#compose-subject', 'backup');
    await page.locator('#compose-body').pressSequentially('see attached');

    // 1. Straight onto the hidden input, as most tests will do.
    await page.setInputFiles('#attach-input', csvPath);
    await expect.poll(() => page.locator('#attachments').innerText()).toContain('clients-export.csv');

    // 2. Through the "Attach files" button, which clicks the hidden input.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#attach-button')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: 'second.csv', mimeType: 'text/csv', buffer: Buffer.from(contactsCsv()) });
    await expect.poll(() => page.locator('#attachments li').count()).toBe(2);

    // 3. Drag-and-drop onto the compose dialog.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a,b\r\n'], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.dispatchEvent('#compose', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('#attachments').innerText()).toContain('dropped.csv');

    await page.screenshot({ path: path.join(SCREENSHOTS, 'fixture-gmail-compose.png'), fullPage: true });
    await page.close();
  });

  it('answers 404 for unknown paths', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(server.url(CRM, '/nope'));
    expect(res?.status()).toBe(404);
    await page.close();
  });
});
