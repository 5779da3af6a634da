import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { FIXTURE_CONTACTS, contactsCsv } from '../fixtures/contacts';
import { extensionReady, selectAndCopy } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually, startProduct, type TestProduct } from './product';

const EMPLOYEE = 'popup@acme.example';
const SCREENSHOTS = 'test-results/screenshots';

/**
 * The employee's view: the built extension's popup page in real Chromium, after real events were sent,
 * first in English, then (same profile, so the same local log) with the browser's language set to Russian.
 */
describe('the popup shows what is watched and what was reported, in the browser language', () => {
  let product: TestProduct;
  let fixtures: FixtureServer;
  let extensionPath: string;
  let profileDir: string;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    product = await startProduct();
    fixtures = await startFixtureServer();
    extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee: EMPLOYEE });
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-popup-profile-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await product?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  });

  const openPopup = async (b: LaunchedBrowser) => {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
    await page.locator('#reported-heading:not(:empty)').waitFor();
    return page;
  };
  const text = (page: Page, selector: string) => page.locator(selector).innerText();

  it('in English: the watched behaviours and sites, and the copy and upload this browser reported', async () => {
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir, language: 'en-US' });
    await extensionReady(browser.serviceWorker);
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    await selectAndCopy(crm, '#contacts-table');
    const file = path.join(profileDir, '..', `clients-${Date.now()}.csv`);
    fs.writeFileSync(file, contactsCsv());
    const mail = await browser.context.newPage();
    await mail.goto(fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    await mail.setInputFiles('#attach-input', file);
    fs.rmSync(file);
    // A personal file with no contacts: its name says more about the employee than the company needs.
    const personal = path.join(profileDir, '..', 'anna-hiv-test-result-positive-2026.pdf');
    fs.writeFileSync(personal, '%PDF-1.4 personal');
    await mail.setInputFiles('#attach-input', personal);
    fs.rmSync(personal);
    const uploads = await eventually(async () => {
      const { events } = await product.api<{ events: { type: string; fileName?: string; sizeBytes?: number }[] }>(`/v1/events?employee=${EMPLOYEE}`);
      const found = events.filter((e) => e.type === 'webmail.upload');
      return events.some((e) => e.type === 'crm.copy') && found.length >= 2 ? found : undefined;
    }, 20_000, 'the copy and the two uploads on the server');
    expect(uploads.map((u) => u.fileName)).toContain('*.pdf');
    expect(JSON.stringify(uploads)).not.toContain('hiv');

    const popup = await openPopup(browser);
    await expect.poll(() => text(popup, '#reported-heading')).toMatch(/^Reported from this browser in the last 30 days \(\d+\)$/);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await text(popup, '#watches-heading')).toBe('What it watches');
    expect(await text(popup, '#watches')).toContain('Copying or cutting 5 or more e-mail addresses');
    // One line per vendor; the patterns are folded behind it.
    const sites = await text(popup, '#sites');
    expect(sites).toContain('Salesforce (CRM)');
    expect(sites).not.toContain('https://*.force.com/*');
    expect(await popup.locator('#sites').textContent()).toContain('https://*.salesforce.com/*, https://*.force.com/*');
    await popup.locator('#sites summary', { hasText: 'Gmail (personal)' }).click();
    expect(await text(popup, '#sites')).toContain('https://mail.google.com/*');
    // What was reported, newest first, is above what is watched.
    const order = await popup.evaluate(() => [...document.querySelectorAll('h2')].map((h) => h.id));
    expect(order.indexOf('reported-heading')).toBeLessThan(order.indexOf('watches-heading'));
    const times = await popup.locator('#reported time').evaluateAll((nodes) => nodes.map((n) => (n as HTMLTimeElement).dateTime));
    expect(times).toEqual([...times].sort((x, y) => Date.parse(y) - Date.parse(x)));
    expect(await text(popup, '#status')).toMatch(/Enrolled as\s+popup@acme\.example/);
    expect(await text(popup, '#status')).toMatch(/Connection\s+connected, nothing waiting/);
    const reported = await text(popup, '#reported');
    expect(reported).toContain(`Copied ${FIXTURE_CONTACTS.length} e-mail addresses`);
    expect(reported).toContain('on acme.lightning.force.com');
    expect(reported).toMatch(/Uploaded clients-\d+\.csv \(.+\) to mail\.google\.com/);
    // Exactly as sent: the popup shows the withheld name the server received.
    expect(reported).toMatch(/Uploaded \*\.pdf \(.+\) to mail\.google\.com/);
    expect(reported).not.toContain('hiv');
    expect(await text(popup, '#status')).toContain(EMPLOYEE);
    // Enrolled with the trial's token: the popup says the identity is only what this browser stated.
    expect(await text(popup, '#status')).toContain('Enrolled as');
    expect(await text(popup, '#status')).toContain(`${EMPLOYEE} (as stated by this browser, not verified)`);
    // Metadata only: no address or phone number the page held is in the popup.
    for (const contact of FIXTURE_CONTACTS) expect(reported).not.toContain(contact.email);
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-en.png'), fullPage: true });
    // The employee's own copy of what the server stores (GDPR art. 15), with this browser's device token.
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#my-data').click()]);
    const mine = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { employee: string; events: { type: string }[] };
    expect(mine.employee).toBe(EMPLOYEE);
    expect(mine.events.some((e) => e.type === 'crm.copy')).toBe(true);
    await browser.close();
    browser = undefined;
  });

  it('in Russian (the browser\'s language), from the same local log after a browser restart', async () => {
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir, language: 'ru' });
    const popup = await openPopup(browser);
    expect(await popup.evaluate(() => navigator.language)).toMatch(/^ru/);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await text(popup, '#reported-heading')).toMatch(/^Отправлено из этого браузера за последние 30 дней \(\d+\)$/);
    expect(await text(popup, '#watches-heading')).toBe('За чем оно следит');
    expect(await text(popup, '#sites')).toContain('Gmail (личный)');
    const reported = await text(popup, '#reported');
    expect(reported).toMatch(new RegExp(`Скопировано: ${FIXTURE_CONTACTS.length} адрес`));
    expect(reported).toMatch(/Загружен файл clients-\d+\.csv \(.+\) на mail\.google\.com/);
    expect(await text(popup, '#settings')).toBe('Настройки');
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-ru.png'), fullPage: true });
    await browser.close();
    browser = undefined;
  });

  it('says when the server is unreachable, since when and how much waits', async () => {
    await product.stop();
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir, language: 'en-US' });
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    await selectAndCopy(crm, '#contacts-table');
    await expect.poll(async () => text(await openPopup(browser!), '#status'), { timeout: 30_000 })
      .toMatch(/Connection\s+server unreachable since \d{1,2}:\d{2}\s?(AM|PM)?, \d+ events? waiting/);
    const popup = await openPopup(browser);
    await popup.setViewportSize({ width: 400, height: 600 });
    // At Chrome's popup height, the connection and the first reported items are on screen.
    expect(await popup.locator('#reported li').first().isVisible()).toBe(true);
    expect((await popup.locator('#reported li').first().boundingBox())!.y).toBeLessThan(600);
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-unreachable.png') });
  });
});
