import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { CRM_FIXTURES } from '../fixtures/crm';
import { BITRIX24_ON_PREMISE } from '../fixtures/crm/bitrix24';
import { HUBSPOT_EXPORT_LINK } from '../fixtures/crm/hubspot';
import { SALESFORCE_REPORT_URL } from '../fixtures/crm/salesforce';
import { startCrmSession, type CrmSession } from './crm-session';
import { eventually } from './product';

const EMPLOYEE = 'crawler@acme.example';
const N = FIXTURE_CONTACTS.length;

/**
 * Every built-in CRM, in real Chromium with the built extension, on its real hostnames: a select-all
 * copy of its list view, records opened one after another (distinct per hour, ids hashed), printing,
 * and its own export route (server download, blob:, data:, e-mailed link; CSV, XLSX, vCard).
 */
describe('CRM coverage', () => {
  let s: CrmSession;
  beforeAll(async () => {
    s = await startCrmSession(EMPLOYEE);
  });
  afterAll(async () => s?.close());

  const open = async (url: string) => {
    const page = await s.browser.context.newPage();
    await page.goto(url);
    return page;
  };

  describe.each(CRM_FIXTURES.map((f) => [f.id, f] as const))('%s', (id, fixture) => {
    it('reports a select-all copy of the list view with every contact', async () => {
      const since = new Date();
      const page = await open(fixture.listUrl);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      const copy = await s.waitForEvent('crm.copy', since, (e) => e.crm === id, `a copy on ${id}`);
      expect(copy).toMatchObject({ action: 'copy', emailCount: N, origin: new URL(fixture.listUrl).origin });
      expect(s.product.storedEvent(copy.id).fingerprints).toHaveLength(N);
      await page.close();
    });

    it('counts the distinct records opened, by salted hash, once each per hour', async () => {
      // The extension counts per clock hour: visits on both sides of an hour's end would count the repeat again.
      const leftInHour = 3_600_000 - (Date.now() % 3_600_000);
      if (leftInHour < 60_000) await new Promise((r) => setTimeout(r, leftInHour + 1000));
      const since = new Date();
      const page = await s.browser.context.newPage();
      for (const url of [...fixture.recordUrls, fixture.recordUrls[0]!]) await page.goto(url);
      const views = await eventually(async () => {
        const found = (await s.events('crm.record_view', since)).filter((e) => e.crm === id);
        return found.length >= fixture.recordUrls.length ? found : undefined;
      }, 20_000, `record views on ${id}`);
      // Give a repeated view time to arrive if it were (wrongly) reported.
      await new Promise((r) => setTimeout(r, 1000));
      const all = (await s.events('crm.record_view', since)).filter((e) => e.crm === id);
      expect(all).toHaveLength(fixture.recordUrls.length);
      expect(new Set(views.map((e) => s.product.storedEvent(e.id).recordHash)).size).toBe(fixture.recordUrls.length);
      expect(Math.max(...views.map((e) => e.distinctInHour))).toBeGreaterThanOrEqual(fixture.recordUrls.length);
      await page.close();
    });

    it('reports printing the list view', async () => {
      const since = new Date();
      const page = await open(fixture.listUrl);
      await page.emulateMedia({ media: 'print' });
      const print = await s.waitForEvent('crm.print', since, (e) => e.crm === id, `a print on ${id}`);
      expect(print.trigger).toBe('print_media');
      await page.close();
    });
  });

  /** [CRM, what the employee does, the export expected] */
  const EXPORTS: [string, (page: Page) => Promise<void>, Record<string, unknown>][] = [
    ['salesforce', async (page) => { await page.goto(SALESFORCE_REPORT_URL); await s.download(page, '#export-details'); }, { route: 'download', format: 'csv', fileName: 'report1732526400000.csv', rows: N, emailCount: N }],
    ['hubspot', async (page) => {
      // HubSpot e-mails the link: it is opened from the mailbox, not from a HubSpot page.
      await page.goto(s.fixtures.url('mail.google.com', '/mail/u/0/#inbox'));
      await page.evaluate((href) => { const a = Object.assign(document.createElement('a'), { id: 'export-link', href, textContent: 'Download' }); document.body.prepend(a); }, HUBSPOT_EXPORT_LINK);
      await s.download(page, '#export-link');
    }, { route: 'download', format: 'csv', rows: N, emailCount: N }],
    ['dynamics365', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'dynamics365')!.listUrl); await s.download(page, '#export-excel'); }, { route: 'blob', format: 'xlsx', rows: N, columns: 4, emailCount: N }],
    ['zoho', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'zoho')!.listUrl); await s.download(page, '#export'); }, { route: 'download', format: 'csv', rows: N, emailCount: N }],
    ['pipedrive', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'pipedrive')!.listUrl); await s.download(page, '#export'); }, { route: 'download', format: 'xlsx', rows: N, emailCount: N }],
    ['amocrm', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'amocrm')!.listUrl); await s.download(page, '#export-csv'); }, { route: 'data', format: 'csv', rows: N, emailCount: N }],
    ['bitrix24', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'bitrix24')!.listUrl); await s.download(page, '#export-vcard'); }, { route: 'download', format: 'vcf', rows: N, emailCount: N }],
    ['retailcrm', async (page) => { await page.goto(CRM_FIXTURES.find((f) => f.id === 'retailcrm')!.listUrl); await s.download(page, '#export'); }, { route: 'download', format: 'xlsx', rows: N, emailCount: N }],
  ];

  it.each(EXPORTS)('measures the export of %s', async (id, act, expected) => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await act(page);
    const exported = await s.waitForEvent('crm.export', since, (e) => e.crm === id, `the export from ${id}`);
    expect(exported).toMatchObject(expected);
    expect(s.product.storedEvent(exported.id).fingerprints).toHaveLength(N);
    await page.close();
  });
});
