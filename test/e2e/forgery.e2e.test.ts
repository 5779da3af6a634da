import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { FABRICATED_COUNT } from '../fixtures/crm/forgery';
import { HOSTILE_HOST } from '../fixtures/crm/hostile';
import { selectAndCopy } from './actions';
import { startCrmSession, type CrmSession, type StoredEvent } from './crm-session';
import { eventually } from './product';
import { dropFiles, pasteText } from './trusted-input';

const EMPLOYEE = 'framed@acme.example';
const N = FIXTURE_CONTACTS.length;

/**
 * Pages that try to frame the employee with forged events and to silence the extension with their own
 * handlers (test/fixtures/crm/forgery.ts, test/fixtures/destinations/gmail-forgery.ts). Every attack is
 * made first and then a real action of the employee in the same page: the real one is reported with its
 * counts and nothing else is. Events are queued and sent in order, so a reported forgery would be there
 * before the real action's event.
 */
describe('pages that forge or silence events', () => {
  let s: CrmSession;
  beforeAll(async () => {
    s = await startCrmSession(EMPLOYEE);
  });
  afterAll(async () => s?.close());

  /** Waits for `count` events of `type`, then gives a forgery queued before them time to show up too. */
  async function settled(type: string, since: Date, count: number): Promise<StoredEvent[]> {
    await eventually(async () => ((await s.events(type, since)).length >= count ? true : undefined), 20_000, `${count} ${type} events`);
    await new Promise((r) => setTimeout(r, 1_500));
    return s.events(type, since);
  }

  it('ignores forged copies and forged select-all keys; a real copy gets past every stopImmediatePropagation', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await page.evaluate(() => {
      const w = window as unknown as Record<string, () => void>;
      w.forgeCopyOverSelection!();
      w.forgeClipboardEvent!();
      w.forgeSelectAllKeys!();
      getSelection()!.removeAllRanges();
    });
    // The employee's own actions: a selection copied with Ctrl+C, then Ctrl+A and Ctrl+C.
    await selectAndCopy(page, '#list');
    await page.mouse.click(5, 5);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const copies = await settled('crm.copy', since, 2);
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      expect(copy).toMatchObject({ crm: 'salesforce', action: 'copy', emailCount: N });
      expect(s.product.storedEvent(copy.id).fingerprints).toHaveLength(N);
    }
  });

  it('ignores a forged print; the employee\'s Ctrl+P past the page\'s silencers is reported', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await page.evaluate(() => (window as unknown as Record<string, () => void>).forgePrint!());
    // A forged print would be queued and sent within this time (and would hide a real one for 3 s).
    await new Promise((r) => setTimeout(r, 3_500));
    await expect(s.events('crm.print', since)).resolves.toEqual([]);
    await page.keyboard.press('Control+P');
    const prints = await settled('crm.print', since, 1);
    expect(prints).toHaveLength(1);
    expect(['print_shortcut', 'print_dialog']).toContain(prints[0]!.trigger);
  });

  it('takes no second channel: a page offering one is reported, and a real copy is still measured from the page', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await page.evaluate(() => (window as unknown as Record<string, () => void>).forgeChannel!());
    await selectAndCopy(page, '#list');
    const copies = await settled('crm.copy', since, 1);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ emailCount: N });
    const tamper = await s.waitForEvent('agent.tamper', since, (e) => e.signal === 'channel_tampering', 'the channel tamper signal');
    expect(tamper).toMatchObject({ crm: 'salesforce', detail: 'a second channel was offered after the first' });
    // The extension's own channel message never reached the page's listeners.
    await expect(page.evaluate(() => (window as unknown as { channelMessagesSeen: number }).channelMessagesSeen)).resolves.toBe(0);
  });

  it('measures a server export from the file the browser saved, without requesting it again', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/exports'));
    await s.download(page, '#malformed-csv');
    const exported = await s.waitForEvent('crm.export', since, (e) => e.fileName === 'malformed.csv', 'the server export');
    expect(exported).toMatchObject({ route: 'download', measuredBy: 'saved_file', emailCount: N });
    expect(s.fixtures.requestCount(HOSTILE_HOST, '/export/malformed.csv')).toBe(1);
  });

  it('measures a blob export from the Blob the page made, not from a Blob a page event announces', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await s.download(page, '#export');
    const exported = await s.waitForEvent('crm.export', since, (e) => e.route === 'blob', 'the blob export');
    expect(exported).toMatchObject({ format: 'csv', rows: N, emailCount: N, measuredBy: 'page' });
    expect(s.product.storedEvent(exported.id).fingerprints).toHaveLength(N);
  });

  it('ignores a forged drop, paste and file choice on personal Gmail; real ones past the page\'s silencers are reported', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url('mail.google.com', '/mail/u/2/#inbox'));
    await page.evaluate(() => {
      const w = window as unknown as Record<string, () => void>;
      w.forgeDrop!();
      w.forgePaste!();
      w.forgeFileInput!();
    });
    const csv = contactsCsv();
    await dropFiles(page, page, '#drop-zone', [{ name: 'clients.csv', text: csv }]);
    await pasteText(page, page, '#compose-body', csv);
    const chosen = path.join(s.downloads, 'chosen.csv');
    fs.writeFileSync(chosen, csv);
    await page.setInputFiles('#attach-input', chosen);

    const uploads = await settled('webmail.upload', since, 2);
    expect(uploads.map((e) => `${e.channel} ${e.fileName} ${e.emailCount}`).sort()).toEqual([`drop clients.csv ${N}`, `file_input chosen.csv ${N}`]);
    const pastes = await settled('webmail.paste', since, 1);
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ destination: 'gmail', emailCount: N });
  });

  it('shows the build\'s settings read-only, and a setting saved around the options page changes nothing', async () => {
    const options = await s.browser.context.newPage();
    await options.goto(`chrome-extension://${s.browser.extensionId}/options.html`);
    await expect.poll(() => options.locator('input[name=employeeEmail]').inputValue()).toBe(EMPLOYEE);
    for (const key of ['serverUrl', 'enrollmentToken', 'employeeEmail']) {
      await expect(options.locator(`input[name=${key}]`).evaluate((input: HTMLInputElement) => input.readOnly)).resolves.toBe(true);
    }
    await expect(options.locator('#employeeEmail-source').textContent()).resolves.toBe('Set by your organisation when this extension was built.');
    // What the security review did: local settings naming a colleague and a dead server.
    await s.browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ config: { serverUrl: 'http://127.0.0.1:9', employeeEmail: 'colleague@acme.example' } });
    });
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await selectAndCopy(page, '#list');
    // Still reported, to this server, as this employee (waitForEvent asks for EMPLOYEE's events).
    await expect(s.waitForEvent('crm.copy', since, () => true, 'the copy after the local override')).resolves.toMatchObject({ emailCount: N });
    const device = await s.browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      return (await chrome.storage.local.get('device')).device;
    });
    expect(device).toMatchObject({ employee: EMPLOYEE, serverUrl: s.product.server.url });
  });

  // Browser limits: page script may write the clipboard itself while a real click is being handled.
  // The extension cannot tell that from the employee's own copy, and says so here rather than silently.
  it('LIMIT: an execCommand copy of page-made text during a real click is reported as the employee\'s copy', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await page.click('#copy-by-command');
    // The copy event the browser fires for execCommand is trusted, and it did fill the clipboard.
    await expect(s.waitForEvent('crm.copy', since, () => true, 'the command copy')).resolves.toMatchObject({ emailCount: FABRICATED_COUNT });
  });

  it('LIMIT: text a page writes with navigator.clipboard during a real click fires no copy event and is not seen', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${HOSTILE_HOST}` });
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await page.click('#copy-by-api');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toContain('@example-fabricated.com');
    await selectAndCopy(page, '#list');
    const copies = await settled('crm.copy', since, 1);
    expect(copies.map((c) => c.emailCount)).toEqual([N]);
  });
});
