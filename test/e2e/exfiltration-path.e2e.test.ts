import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { Alert } from '../../server/store/store';
import type { EmployeeRisk } from '../../shared/risk';
import { extensionReady, selectAndCopy } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually, startProduct, type TestProduct } from './product';
import { dropFiles, pasteText } from './trusted-input';

const EMPLOYEE = 'leaver@acme.example';

/**
 * The foundation path, for real: the built extension in Chromium exports contacts from a Salesforce-like
 * page, copies the contact table, attaches the exported file in a Gmail-like compose window; the server
 * stores three events, scores the employee high and raises the lineage alert.
 */
describe('CRM export → copy → personal upload', () => {
  let product: TestProduct;
  let fixtures: FixtureServer;
  let browser: LaunchedBrowser;
  let workDir: string;

  beforeAll(async () => {
    product = await startProduct();
    fixtures = await startFixtureServer();
    const extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee: EMPLOYEE });
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-work-'));
    await extensionReady(browser.serviceWorker);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await product?.close();
  });

  it('reports the three actions and scores the leaver', async () => {
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));

    const [download] = await Promise.all([crm.waitForEvent('download'), crm.click('#export-button')]);
    const exported = path.join(workDir, 'contacts.csv');
    await download.saveAs(exported);
    expect(fs.readFileSync(exported, 'utf8')).toBe(contactsCsv());

    await selectAndCopy(crm, '#contacts-table');

    const mail = await browser.context.newPage();
    await mail.goto(fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    await mail.setInputFiles('#attach-input', exported);

    const events = await eventually(async () => {
      const { events } = await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${EMPLOYEE}`);
      const types = new Set(events.map((e) => e.type));
      return ['crm.export', 'crm.copy', 'webmail.upload'].every((t) => types.has(t)) ? events : undefined;
    }, 20_000, 'the export, copy and upload events');

    const exportEvent = events.find((e) => e.type === 'crm.export')!;
    expect(exportEvent).toMatchObject({ crm: 'salesforce', route: 'download', fileName: 'contacts.csv', format: 'csv', rows: FIXTURE_CONTACTS.length, columns: 5, emailCount: FIXTURE_CONTACTS.length, origin: 'https://acme.lightning.force.com' });
    const copyEvent = events.find((e) => e.type === 'crm.copy')!;
    expect(copyEvent).toMatchObject({ crm: 'salesforce', action: 'copy', emailCount: FIXTURE_CONTACTS.length });
    expect(copyEvent.phoneCount).toBeGreaterThanOrEqual(FIXTURE_CONTACTS.length - 1);
    const upload = events.find((e) => e.type === 'webmail.upload')!;
    expect(upload).toMatchObject({ destination: 'gmail', channel: 'file_input', fileName: 'contacts.csv', emailCount: FIXTURE_CONTACTS.length, origin: 'https://mail.google.com' });
    expect(product.storedEvent(upload.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);

    // No address or phone number ever reaches the server.
    const stored = JSON.stringify(events);
    for (const contact of FIXTURE_CONTACTS) {
      expect(stored).not.toContain(contact.email);
      expect(stored).not.toContain(contact.phone);
    }

    const risk = await product.api<EmployeeRisk & { history: unknown[] }>(`/v1/employees/${EMPLOYEE}`);
    expect(['high', 'critical']).toContain(risk.level);
    expect(risk.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['upload_contacts', 'collection_then_exfiltration', 'lineage_match']));

    const alerts = await product.api<Alert[]>(`/v1/alerts?status=open&employee=${EMPLOYEE}`);
    const lineage = alerts.find((a) => a.pattern === 'crm_contacts_exfiltrated');
    expect(lineage).toMatchObject({ severity: 'critical', details: { share: 1, matchedContacts: FIXTURE_CONTACTS.length } });
    expect(lineage!.eventIds).toEqual(expect.arrayContaining([upload.id, copyEvent.id, exportEvent.id]));
    // One case: the departure risk is a reason inside the lineage alert, not a second alert.
    expect(alerts).toHaveLength(1);
    expect(lineage!.patterns.map((p) => p.pattern)).toContain('departure_risk');

    const dashboard = await browser.context.newPage();
    await dashboard.goto(`${product.server.url}/login`);
    await dashboard.fill('#token', product.adminToken);
    await dashboard.click('button[type=submit]');
    await dashboard.waitForURL(`${product.server.url}/`);
    await expect(dashboard.textContent('body')).resolves.toContain(EMPLOYEE);
    fs.mkdirSync('test-results/screenshots', { recursive: true });
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.screenshot({ path: 'test-results/screenshots/dashboard.png', fullPage: true });
  });

  it('measures an export the page script generated as a blob: download', async () => {
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    const [download] = await Promise.all([crm.waitForEvent('download'), crm.click('#export-blob')]);
    expect(download.url()).toMatch(/^blob:https:\/\/acme\.lightning\.force\.com\//);
    const blobExport = await eventually(async () => {
      const { events } = await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${EMPLOYEE}&type=crm.export`);
      return events.find((e) => e.route === 'blob');
    }, 20_000, 'the blob export event');
    expect(blobExport).toMatchObject({ crm: 'salesforce', format: 'csv', rows: FIXTURE_CONTACTS.length, columns: 5, emailCount: FIXTURE_CONTACTS.length });
    expect(product.storedEvent(blobExport.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
  });

  it('brings its detectors to CRM tabs that were open before the scripts were registered', async () => {
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    await browser.serviceWorker.evaluate(() => chrome.scripting.unregisterContentScripts());
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list?filterName=Open'));
    const before = (await product.api<{ events: unknown[] }>(`/v1/events?employee=${EMPLOYEE}&type=crm.copy`)).events.length;

    // Saving settings (as the options page does) re-runs the agent's start: registration, then injection into open tabs.
    await browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ config: { savedAt: Date.now() } });
    });
    await eventually(() => browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      return (await chrome.scripting.getRegisteredContentScripts()).length >= 4 ? true : undefined;
    }), 10_000, 're-registration');

    await eventually(async () => {
      await selectAndCopy(crm, '#contacts-table');
      const { events } = await product.api<{ events: unknown[] }>(`/v1/events?employee=${EMPLOYEE}&type=crm.copy`);
      return events.length > before ? true : undefined;
    }, 20_000, 'a copy in the already-open tab to be reported');
  });

  it('notices a file dropped on the compose window and contact text pasted into it', async () => {
    const mail = await browser.context.newPage();
    await mail.goto(fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    const csv = contactsCsv();
    await dropFiles(mail, mail, '#compose', [{ name: 'clients-renamed.csv', text: csv }]);
    await pasteText(mail, mail, '#compose-body', csv);

    const events = await eventually(async () => {
      const { events } = await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${EMPLOYEE}&since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
      const drop = events.find((e) => e.type === 'webmail.upload' && e.channel === 'drop');
      const paste = events.find((e) => e.type === 'webmail.paste');
      return drop && paste ? { drop, paste } : undefined;
    }, 20_000, 'the drop and paste events');
    expect(events.drop).toMatchObject({ fileName: 'clients-renamed.csv', emailCount: FIXTURE_CONTACTS.length, sizeBytes: new TextEncoder().encode(csv).length });
    expect(events.paste).toMatchObject({ destination: 'gmail', emailCount: FIXTURE_CONTACTS.length, rowCount: FIXTURE_CONTACTS.length + 1 });
    expect(product.storedEvent(events.paste.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
  });
});
