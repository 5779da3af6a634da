import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { CRM_FIXTURES } from '../fixtures/crm';
import { BITRIX24_ON_PREMISE } from '../fixtures/crm/bitrix24';
import { startCrmSession, type CrmSession } from './crm-session';
import { eventually } from './product';

const EMPLOYEE = 'behaviours@acme.example';
const N = FIXTURE_CONTACTS.length;
const fixture = (id: string) => CRM_FIXTURES.find((f) => f.id === id)!;

/** What only some CRMs do: shadow-root lists, single-page navigation, iframes, printable views, on-premise portals. */
describe('CRM behaviours', () => {
  let s: CrmSession;
  beforeAll(async () => {
    s = await startCrmSession(EMPLOYEE);
  });
  afterAll(async () => s?.close());

  it('Salesforce Lightning: copies out of a shadow-root datatable, select-all and a selection inside it', async () => {
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url('acme.lightning.force.com', '/lightning/o/Account/list'));
    let since = new Date();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    expect(await s.waitForEvent('crm.copy', since, () => true, 'the select-all copy')).toMatchObject({ emailCount: N, rowCount: expect.any(Number) });

    // A fresh page, so the selection below is not taken for a select-all.
    await page.reload();
    since = new Date();
    await page.evaluate(() => {
      const table = document.querySelector('lightning-datatable')!.shadowRoot!.querySelector('tbody')!;
      const range = document.createRange();
      range.selectNodeContents(table);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await page.keyboard.press('Control+C');
    expect(await s.waitForEvent('crm.copy', since, () => true, 'the copy inside the shadow root')).toMatchObject({ emailCount: N });
  });

  it('Salesforce Lightning and HubSpot: records opened by history.pushState are record views', async () => {
    const since = new Date();
    const lightning = await s.browser.context.newPage();
    await lightning.goto(s.fixtures.url('acme.lightning.force.com', '/lightning/o/Account/list'));
    for (const i of [0, 1]) {
      await lightning.evaluate((n) => (document.querySelector('lightning-datatable')!.shadowRoot!.querySelectorAll('a')[n] as HTMLElement).click(), i);
      await lightning.waitForURL(/\/lightning\/r\/Account\//);
    }
    const hubspot = await s.browser.context.newPage();
    await hubspot.goto(fixture('hubspot').listUrl);
    for (const i of [3, 4]) {
      await hubspot.click(`#hs-index tbody tr:nth-child(${i + 1}) a`);
      await hubspot.waitForURL(/\/record\/0-1\//);
    }
    const views = await eventually(async () => {
      const found = await s.events('crm.record_view', since);
      return found.filter((e) => e.crm === 'salesforce').length >= 2 && found.filter((e) => e.crm === 'hubspot').length >= 2 ? found : undefined;
    }, 20_000, 'record views from single-page navigation');
    expect(views.filter((e) => e.crm === 'salesforce').map((e) => e.objectType)).toEqual(['Account', 'Account']);
    expect(views.filter((e) => e.crm === 'hubspot').map((e) => e.objectType)).toEqual(['contact', 'contact']);
  });

  it('Bitrix24: a copy inside the side slider iframe', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(fixture('bitrix24').listUrl);
    const slider = page.frame({ url: /IFRAME=Y/ })!;
    await slider.click('#b24-related', { position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const copy = await s.waitForEvent('crm.copy', since, () => true, 'the copy in the iframe');
    expect(copy).toMatchObject({ crm: 'bitrix24', emailCount: N, origin: 'https://acme.bitrix24.ru' });
  });

  it('Salesforce Classic: a Printable View and Ctrl+P are prints', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(fixture('salesforce').recordUrls[0]!);
    await page.click('#printable');
    await page.waitForURL(/\/p$/);
    const printable = await s.waitForEvent('crm.print', since, (e) => e.trigger === 'printable_view', 'the printable view');
    expect(printable.crm).toBe('salesforce');
    const list = await s.browser.context.newPage();
    await list.goto(fixture('salesforce').listUrl);
    await list.keyboard.press('Control+P');
    const printed = await s.waitForEvent('crm.print', since, (e) => e.trigger !== 'printable_view', 'Ctrl+P');
    expect(['print_shortcut', 'print_dialog']).toContain(printed.trigger);
  });

  it('Bitrix24 on premise: an origin the policy adds to the bitrix24 site is watched with its adapter', async () => {
    await s.product.api('/v1/policy', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ crmSites: [{ id: 'bitrix24', name: 'Bitrix24', matches: [`https://${BITRIX24_ON_PREMISE}/*`] }] }),
    });
    // Saving settings re-runs the agent's start, which fetches the policy at once instead of at the next alarm.
    await s.browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ config: { savedAt: Date.now() } });
    });
    await eventually(() => s.browser.serviceWorker.evaluate(async (host) => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      const scripts: { matches?: string[] }[] = await chrome.scripting.getRegisteredContentScripts();
      return scripts.some((c) => c.matches?.includes(`https://${host}/*`)) ? true : undefined;
    }, BITRIX24_ON_PREMISE), 20_000, 'the on-premise portal in the registered scripts');

    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(`https://${BITRIX24_ON_PREMISE}/crm/contact/details/413/`);
    const view = await s.waitForEvent('crm.record_view', since, (e) => e.crm === 'bitrix24', 'the on-premise record view');
    expect(view).toMatchObject({ origin: `https://${BITRIX24_ON_PREMISE}`, objectType: 'contact' });
    await page.goto(`https://${BITRIX24_ON_PREMISE}/crm/contact/list/`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    expect(await s.waitForEvent('crm.copy', since, (e) => e.origin === `https://${BITRIX24_ON_PREMISE}`, 'the on-premise copy')).toMatchObject({ crm: 'bitrix24', emailCount: N });
  });
});
