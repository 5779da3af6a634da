import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { DESTINATION_HOSTS } from '../fixtures/destinations';
import { noticeText, sendJustification } from './closed-notice';
import { eventually } from './product';
import { startStack, type Stack } from './stack';
import { dropFiles, pasteText } from './trusted-input';

const EMPLOYEE = 'rep@acme.example';

/**
 * Personal destinations under their real hostnames: what is reported (personal Gmail, Outlook.com, Drive,
 * WhatsApp Web, including a detached file input and a srcdoc iframe), what is not (Workspace Gmail, Outlook
 * on the web for work), and the warn and block modes with their notice.
 */
describe('personal destinations', () => {
  let stack: Stack;
  let csvFile: string;

  beforeAll(async () => {
    stack = await startStack(EMPLOYEE, DESTINATION_HOSTS);
    csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-dest-')), 'clients.csv');
    fs.writeFileSync(csvFile, contactsCsv());
  });
  afterAll(async () => { await stack?.close(); });

  const events = (type: string) => stack.events(type);
  const open = async (host: string, p: string) => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.fixtures.url(host, p));
    return page;
  };

  it('reports uploads to personal accounts and sites, not to corporate ones', async () => {
    // Corporate first: had they been reported, their events would be queued before the personal ones.
    const workspace = await open('mail.google.com', '/mail/u/1/#inbox');
    await workspace.setInputFiles('#attach-input', csvFile);
    const owa = await open('outlook.office.com', '/mail/0/');
    await owa.setInputFiles('#attach-input', csvFile);
    await expect.poll(() => owa.locator('#attachments li').count()).toBe(1);

    const outlookCom = await open('outlook.live.com', '/mail/0/');
    await outlookCom.setInputFiles('#attach-input', csvFile);
    // Real input only: the detectors ignore events page script dispatches (test/e2e/trusted-input.ts).
    await dropFiles(outlookCom, outlookCom, '#drop-zone', [{ name: 'dropped.csv', text: contactsCsv() }]);
    const drive = await open('drive.google.com', '/drive/my-drive');
    const [chooser] = await Promise.all([drive.waitForEvent('filechooser'), drive.click('#new-file-upload')]);
    await chooser.setFiles(csvFile);
    await expect.poll(() => drive.locator('#attachments li').count()).toBe(1);
    const whatsapp = await open('web.whatsapp.com', '/');
    const panel = whatsapp.frames().find((f) => f.url() === 'about:srcdoc')!;
    await panel.setInputFiles('#attach-input', csvFile);
    await pasteText(whatsapp, whatsapp, '#message-box', contactsCsv());

    const uploads = await eventually(async () => {
      const found = await events('webmail.upload');
      return found.length >= 4 && ['outlook-com', 'google-drive', 'whatsapp-web'].every((d) => found.some((e) => e.destination === d)) ? found : undefined;
    }, 20_000, 'uploads to Outlook.com (chosen and dropped), Drive and WhatsApp Web');
    const paste = await eventually(async () => (await events('webmail.paste'))[0], 20_000, 'the paste into WhatsApp Web');

    expect(uploads).toHaveLength(4);
    for (const upload of uploads) {
      expect(upload).toMatchObject({ emailCount: FIXTURE_CONTACTS.length, mode: 'audit' });
      expect(stack.product.storedEvent(upload.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
    }
    expect(uploads.map((e) => `${e.destination} ${e.channel} ${e.fileName}`).sort()).toEqual([
      'google-drive file_input clients.csv', 'outlook-com drop dropped.csv', 'outlook-com file_input clients.csv', 'whatsapp-web file_input clients.csv',
    ]);
    expect(uploads.find((e) => e.destination === 'google-drive')).toMatchObject({ origin: 'https://drive.google.com', accountDomain: 'gmail.com' });
    expect(uploads.find((e) => e.destination === 'whatsapp-web')!.origin).toBe('https://web.whatsapp.com');
    expect(paste).toMatchObject({ destination: 'whatsapp-web', emailCount: FIXTURE_CONTACTS.length });
    // Audit is silent, and the page got its files (the chosen one and the dropped one).
    await expect(noticeText(outlookCom)).resolves.toBeUndefined();
    await expect(outlookCom.locator('#attachments li').count()).resolves.toBe(2);
  });

  it('warns with a notice the page cannot read and attaches the justification; blocks where the policy says so', async () => {
    const { product, browser } = stack;
    // Opened before the policy changes: the new mode must reach a tab that is already open.
    const whatsapp = await open('web.whatsapp.com', '/');
    await product.api('/v1/policy', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ destinationModes: { 'outlook-com': 'warn', 'whatsapp-web': 'block' } }) });
    // Saving settings re-runs the agent's start, which fetches the policy now instead of at the next alarm.
    await browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      await chrome.storage.local.set({ config: { savedAt: Date.now() } });
    });
    await eventually(() => browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      const { policy } = await chrome.storage.local.get('policy');
      return policy.personalDestinations.find((d: { id: string }) => d.id === 'whatsapp-web')?.mode === 'block' ? true : undefined;
    }), 15_000, 'the new policy');

    const outlookCom = await open('outlook.live.com', '/mail/0/');
    await outlookCom.setInputFiles('#attach-input', csvFile);
    const text = await eventually(() => noticeText(outlookCom), 15_000, 'the warning notice');
    expect(text).toBe(`This file holds ${FIXTURE_CONTACTS.length} client contacts. Uploads to personal mail are reported to your company's security team.`);
    await expect(outlookCom.locator('#attachments li').count()).resolves.toBe(1);
    await expect(outlookCom.evaluate(() => {
      const host = document.querySelector('crm-guard-notice');
      return host !== null && host.shadowRoot === null;
    })).resolves.toBe(true);
    await sendJustification(outlookCom, 'Client visit tomorrow, sending to my phone');
    const justified = await eventually(async () => (await events('webmail.upload')).find((e) => e.justification), 20_000, 'the justification on the upload');
    expect(justified).toMatchObject({ destination: 'outlook-com', mode: 'warn', justification: 'Client visit tomorrow, sending to my phone' });

    const panel = whatsapp.frames().find((f) => f.url() === 'about:srcdoc')!;
    await panel.setInputFiles('#attach-input', csvFile);
    await expect.poll(() => noticeText(whatsapp)).toMatch(/^This file holds 60 client contacts\. Uploads to personal messengers are blocked/);
    await dropFiles(whatsapp, whatsapp, '#drop-zone', [{ name: 'dropped.csv', text: contactsCsv() }]);
    await pasteText(whatsapp, whatsapp, '#message-box', contactsCsv());
    const blocked = await eventually(async () => {
      const found = (await events('webmail.upload')).filter((e) => e.destination === 'whatsapp-web' && e.mode === 'block');
      return found.length === 2 ? found : undefined;
    }, 20_000, 'the two blocked uploads');
    expect(blocked.map((e) => e.channel).sort()).toEqual(['drop', 'file_input']);
    // The page never received the files or the pasted text.
    await expect(whatsapp.locator('#attachments li').count()).resolves.toBe(0);
    await expect(panel.locator('#attach-input').evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).resolves.toBe(0);
    await expect(whatsapp.locator('#message-box').getAttribute('data-pasted')).resolves.toBeNull();
    await eventually(async () => ((await events('webmail.paste')).some((e) => e.mode === 'block') ? true : undefined), 20_000, 'the blocked paste');
  });
});
