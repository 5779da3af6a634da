import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../shared/extension-key';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { FIXTURE_CONTACT_IDS, startFixtureServer, type FixtureServer } from '../fixtures/server';
import { buildExtension, eventually, startProduct, type TestProduct } from '../e2e/product';
import { launchFirefox, type LaunchedFirefox } from './launch';

const EMPLOYEE = 'firefox.rep@acme.example';
const LIST = ['acme.lightning.force.com', '/lightning/o/Contact/list'] as const;

/**
 * The core path in Debian's Firefox ESR with the Firefox build (MV2, `wxt build -b firefox`): export, copy,
 * upload and paste reach the server, block mode stops an upload and a paste, the record-view limit covers
 * a record, an event made while the server is down waits in the queue, and a
 * build with no configuration takes its server, token and employee from policies.json's 3rdparty block.
 */
describe('Firefox ESR', () => {
  let product: TestProduct;
  let fixtures: FixtureServer;
  let firefox: LaunchedFirefox;
  let csvFile: string;

  beforeAll(async () => {
    product = await startProduct();
    fixtures = await startFixtureServer();
    csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-ff-')), 'clients.csv');
    fs.writeFileSync(csvFile, contactsCsv());
    // Set before the browser starts: the extension fetches the policy at install (Firefox gives the test no way into its background page).
    const policy = { destinationModes: { chatgpt: 'block' }, recordViewLimits: { salesforce: { opens: 1, periodHours: 24, mode: 'block' } } };
    await product.api('/v1/policy', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(policy) });
    const extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee: EMPLOYEE }, 'firefox');
    firefox = await launchFirefox({ extensionPath, fixturePort: fixtures.port });
    expect(firefox.addonId).toBe(GECKO_ID);
    await enrolled(product, EMPLOYEE);
  });
  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
    await product?.close();
  });

  const events = async (type: string) => (await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${EMPLOYEE}&type=${type}`)).events;
  const open = async (host: string, p: string) => {
    const page = await firefox.browser.newPage();
    await page.goto(fixtures.url(host, p));
    return page;
  };

  it('reports a CRM export (server download and blob), a copy, uploads and a paste', async () => {
    const list = await open(...LIST);
    await selectAndCopy(list, '#contacts-table');
    await list.click('#export-button');
    await list.click('#export-blob');
    const copy = await eventually(async () => (await events('crm.copy'))[0], 30_000, 'the copy');
    expect(copy).toMatchObject({ crm: 'salesforce', action: 'copy', emailCount: FIXTURE_CONTACTS.length, origin: 'https://acme.lightning.force.com' });
    expect(product.storedEvent(copy.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
    const exports = await eventually(async () => {
      const found = await events('crm.export');
      return found.length >= 2 ? found : undefined;
    }, 30_000, 'the two exports');
    expect(exports.map((e) => `${e.route} ${e.fileName}`).sort()).toEqual(['blob contacts-blob.csv', 'download contacts.csv']);
    const blob = exports.find((e) => e.route === 'blob')!;
    expect(blob).toMatchObject({ crm: 'salesforce', format: 'csv', rows: FIXTURE_CONTACTS.length, emailCount: FIXTURE_CONTACTS.length, measuredBy: 'page' });
    // A server download is measured from the saved file where the browser lets the extension read it, and
    // is never requested again in the CRM's name without the policy's exportReRequest: otherwise it says so.
    const download = exports.find((e) => e.route === 'download')!;
    if (download.measuredBy === 'unmeasured') expect(download).toMatchObject({ crm: 'salesforce', fileName: 'contacts.csv', unmeasuredReason: expect.any(String) });
    else expect(download).toMatchObject({ crm: 'salesforce', format: 'csv', rows: FIXTURE_CONTACTS.length, emailCount: FIXTURE_CONTACTS.length, measuredBy: 'saved_file' });

    const gmail = await open('mail.google.com', '/mail/u/0/#inbox');
    await (await gmail.$('input#attach-input'))!.uploadFile(csvFile);
    const whatsapp = await open('web.whatsapp.com', '/');
    const panel = whatsapp.frames().find((f) => f.url() === 'about:srcdoc')!;
    await (await panel.$('input#attach-input'))!.uploadFile(csvFile);
    await pasteThroughClipboard(whatsapp, '#message-box', contactsCsv());
    const uploads = await eventually(async () => {
      const found = await events('webmail.upload');
      return found.length >= 2 ? found : undefined;
    }, 30_000, 'the uploads to Gmail and WhatsApp Web');
    expect(uploads.map((e) => `${e.destination} ${e.channel} ${e.emailCount}`).sort()).toEqual([`gmail file_input ${FIXTURE_CONTACTS.length}`, `whatsapp-web file_input ${FIXTURE_CONTACTS.length}`]);
    const paste = await eventually(async () => (await events('webmail.paste'))[0], 30_000, 'the paste');
    expect(paste).toMatchObject({ destination: 'whatsapp-web', origin: 'https://web.whatsapp.com', emailCount: FIXTURE_CONTACTS.length });
  });

  it('blocks an upload and a paste into ChatGPT, and covers a record opened beyond the limit', async () => {
    const chatgpt = await open('chatgpt.com', '/');
    await (await chatgpt.$('input#upload-files'))!.uploadFile(csvFile);
    await pasteThroughClipboard(chatgpt, '#prompt-textarea', contactsCsv());
    const blocked = await eventually(async () => {
      const found = [...(await events('webmail.upload')), ...(await events('webmail.paste'))].filter((e) => e.destination === 'chatgpt');
      return found.length >= 2 ? found : undefined;
    }, 30_000, 'the blocked upload and paste');
    expect(blocked.map((e) => `${e.type} ${e.mode}`).sort()).toEqual(['webmail.paste block', 'webmail.upload block']);
    // The page received neither.
    await expect(chatgpt.evaluate(() => [document.querySelectorAll('#attachments li').length, document.getElementById('prompt-textarea')!.dataset.pasted ?? null])).resolves.toEqual([0, null]);

    const record = `/lightning/r/Contact/${FIXTURE_CONTACT_IDS[1]}/view`;
    const page = await open(LIST[0], record);
    await page.goto(fixtures.url(...LIST));
    await page.goto(fixtures.url(LIST[0], record));
    const topmost = () => page.evaluate(() => {
      const field = document.querySelector('[data-field="Email"]')!.getBoundingClientRect();
      return document.elementFromPoint(field.left + 2, field.top + 2)?.tagName;
    });
    await eventually(async () => ((await topmost()) === 'CRM-GUARD-NOTICE' ? true : undefined), 15_000, 'the cover over the record');
    const beyond = await eventually(async () => (await events('crm.record_view')).find((e) => e.opensInPeriod === 2), 30_000, 'the view beyond the limit');
    expect(beyond).toMatchObject({ crm: 'salesforce', allowedOpens: 1, limitMode: 'block' });
  });

  it('keeps an event made while the server is down and delivers it when the server is back', async () => {
    const port = new URL(product.server.url).port;
    await product.stop();
    const list = await open(...LIST);
    await list.evaluate(() => document.getElementById('contacts-table')!.setAttribute('data-offline', '1'));
    await selectAndCopy(list, '#contacts-table tbody');
    // Long enough for the extension to have tried and failed at least once.
    await new Promise((r) => setTimeout(r, 3_000));
    product = await startProduct({ port: Number(port), dataDir: product.dataDir });
    const copies = await eventually(async () => {
      const found = await events('crm.copy');
      return found.length >= 2 ? found : undefined;
    }, 90_000, 'the copy made while the server was down');
    expect(copies[0]).toMatchObject({ crm: 'salesforce', emailCount: FIXTURE_CONTACTS.length });
  });
});

describe('Firefox ESR managed through policies.json', () => {
  it('enrolls with the server, token and employee of the 3rdparty policy', async () => {
    const product = await startProduct();
    const fixtures = await startFixtureServer();
    let firefox: LaunchedFirefox | undefined;
    try {
      const extensionPath = buildExtension({ serverUrl: '', enrollmentToken: '', employee: '' }, 'firefox');
      const managed = { serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employeeEmail: 'managed.ff@acme.example' };
      firefox = await launchFirefox({ extensionPath, fixturePort: fixtures.port, policies: { '3rdparty': { Extensions: { [GECKO_ID]: managed } } } });
      await enrolled(product, 'managed.ff@acme.example');
      const page = await firefox.browser.newPage();
      await page.goto(fixtures.url(...LIST));
      await selectAndCopy(page, '#contacts-table');
      const { events } = await eventually(async () => {
        const found = await product.api<{ events: Array<Record<string, any>> }>('/v1/events?type=crm.copy');
        return found.events.length ? found : undefined;
      }, 30_000, 'the copy from the managed browser');
      expect(events[0]).toMatchObject({ employee: 'managed.ff@acme.example', crm: 'salesforce' });
    } finally {
      await firefox?.close();
      await fixtures.close();
      await product.close();
    }
  });
});

/**
 * Waits for the agent's first heartbeat: it is sent once the start has enrolled, fetched the policy and
 * registered the content scripts (extension/features/sync.ts), so pages opened afterwards are watched.
 */
async function enrolled(product: TestProduct, employee: string): Promise<void> {
  await eventually(async () => {
    const { events } = await product.api<{ events: unknown[] }>(`/v1/events?employee=${employee}&type=agent.heartbeat`);
    return events.length ? true : undefined;
  }, 30_000, `${employee} to enroll and send its first heartbeat`);
}

/** A real paste through Firefox's clipboard: `text` copied from a text box the test adds, pasted into `composer`. */
async function pasteThroughClipboard(page: Page, composer: string, text: string): Promise<void> {
  await page.evaluate((content) => {
    const source = document.createElement('textarea');
    source.id = 'clipboard-source';
    source.value = content;
    document.body.append(source);
  }, text);
  await selectAndCopy(page, '#clipboard-source');
  await page.focus(composer);
  await withControl(page, 'v');
}

/** Selects everything inside `selector` (a text box's value, or an element's contents) and presses Ctrl+C. */
async function selectAndCopy(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const target = document.querySelector(sel)!;
    if (target instanceof HTMLTextAreaElement) return target.select();
    const range = document.createRange();
    range.selectNodeContents(target);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, selector);
  await withControl(page, 'c');
}

async function withControl(page: Page, key: 'c' | 'v'): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
}
