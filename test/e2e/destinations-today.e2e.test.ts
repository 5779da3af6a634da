import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAL_DESTINATIONS } from '../../shared/destinations';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { COMPOSER_FIXTURES, COMPOSER_HOSTS } from '../fixtures/destinations';
import type { ComposerFixture } from '../fixtures/destinations/composer';
import { googleSheetsWorkspace } from '../fixtures/destinations/documents';
import { slackCompany } from '../fixtures/destinations/social';
import { noticeText, sendJustification } from './closed-notice';
import { received } from './composer-actions';
import { allPaths, destinationPaths } from './destination-paths';
import { eventually } from './product';
import { pushPolicy } from './push-policy';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'rep@acme.example';
const CORPORATE = [googleSheetsWorkspace, slackCompany];
const PERSONAL = COMPOSER_FIXTURES.filter((f) => !CORPORATE.includes(f));
/** A Workspace account's domain, and the company's Slack workspace as a URL prefix. */
const COMPANY_TENANTS = ['acme-corp.example', 'https://app.slack.com/client/TACME/'];

/**
 * AI assistants, personal documents, social networks and messengers under their real hostnames, each with
 * its own composer (ProseMirror, Quill, textarea, Google Docs' hidden typing frame) and upload path (hidden
 * input, input made on the fly, WebUploader's invisible one, the Google Picker's frame): a paste, an upload
 * and a drop on each are reported; a Workspace account and a company tenant are not; warn and block work.
 */
describe('AI assistants, personal documents and social sites', () => {
  let stack: Stack;
  let csvFile: string;
  const text = contactsCsv();

  beforeAll(async () => {
    stack = await startStack(EMPLOYEE, COMPOSER_HOSTS);
    csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-today-')), 'clients.csv');
    fs.writeFileSync(csvFile, text);
    await pushPolicy(stack, { companyTenants: COMPANY_TENANTS });
  });
  afterAll(async () => { await stack?.close(); });

  const paths = () => destinationPaths(stack, EMPLOYEE, text, csvFile);
  const events = (type: string) => paths().events(type);
  const exfiltrate = (fixture: ComposerFixture, dropped: string) => paths().exfiltrate(fixture, dropped);
  const byMode = (mode: string) => paths().byMode(mode);

  it('reports a paste, an upload and a drop on every site, and nothing on a Workspace account or the company’s Slack', async () => {
    // Corporate first: had they been reported, the counts below would be one too many.
    for (const fixture of CORPORATE) {
      const page = await exfiltrate(fixture, 'corporate.csv');
      await expect.poll(() => received(page, fixture)).toEqual({ files: 2, pasted: String(text.length) });
      await page.close();
    }
    for (const fixture of PERSONAL) {
      const page = await exfiltrate(fixture, 'dropped.csv');
      // Audit is silent: the page got its files and the paste.
      await expect.poll(() => received(page, fixture), { message: fixture.destination }).toEqual({ files: 2, pasted: String(text.length) });
      await expect(noticeText(page)).resolves.toBeUndefined();
      await page.close();
    }
    const expected = allPaths(PERSONAL);
    const reported = await eventually(async () => {
      const found = await byMode('audit');
      return found.length >= expected.length ? found : undefined;
    }, 30_000, `${expected.length} reported pastes, uploads and drops`);
    expect(reported).toEqual(expected);
    const uploads = await events('webmail.upload');
    expect(uploads.some((e) => e.fileName === 'corporate.csv')).toBe(false);
    // The API leaves fingerprints out of what it lists; the stored event holds one per contact.
    for (const upload of uploads) {
      expect(upload).toMatchObject({ emailCount: FIXTURE_CONTACTS.length });
      expect(stack.product.storedEvent(upload.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
    }
    expect(uploads.find((e) => e.destination === 'google-docs' && e.channel === 'file_input')).toMatchObject({ origin: 'https://docs.google.com', accountDomain: 'gmail.com' });
    const pastes = await events('webmail.paste');
    expect(pastes.find((e) => e.destination === 'chatgpt')).toMatchObject({ origin: 'https://chatgpt.com', emailCount: FIXTURE_CONTACTS.length });
  });

  const BLOCKED = ['chatgpt', 'gemini', 'deepseek', 'google-docs', 'linkedin', 'wechat-web', 'slack', 'perplexity', 'kimi', 'doubao', 'discord'];
  const WARNED = ['claude', 'microsoft-copilot', 'gigachat', 'notion', 'vk', 'mistral-le-chat', 'qwen', 'ernie-bot', 'yandex-alice', 'max-messenger'];
  const PLACES: Record<string, string> = { ai: 'AI assistants', docs: 'personal documents', social: 'social networks', messenger: 'personal messengers' };
  const kindOf = (id: string) => BUILT_IN_PERSONAL_DESTINATIONS.find((d) => d.id === id)!.kind;

  it('blocks paste, upload and drop where the policy says block, and warns with a justification where it says warn', async () => {
    await pushPolicy(stack, {
      companyTenants: COMPANY_TENANTS,
      destinationModes: Object.fromEntries([...BLOCKED.map((id) => [id, 'block']), ...WARNED.map((id) => [id, 'warn'])]),
    });
    const blocked = PERSONAL.filter((f) => BLOCKED.includes(f.destination));
    const warned = PERSONAL.filter((f) => WARNED.includes(f.destination));
    for (const fixture of blocked) {
      const page = await exfiltrate(fixture, 'blocked.csv');
      const place = PLACES[kindOf(fixture.destination)]!;
      await expect.poll(() => noticeText(page), { message: fixture.destination }).toMatch(new RegExp(`${place} (is|are) blocked by your company's policy`));
      // The page never received the files or the pasted text.
      await expect(received(page, fixture)).resolves.toEqual({ files: 0, pasted: null });
      await page.close();
    }
    // The company's own Slack stays open in block mode.
    const company = await exfiltrate(slackCompany, 'corporate.csv');
    await expect.poll(() => received(company, slackCompany)).toEqual({ files: 2, pasted: String(text.length) });
    await expect(noticeText(company)).resolves.toBeUndefined();

    for (const fixture of warned) {
      const page = await exfiltrate(fixture, 'warned.csv');
      const place = PLACES[kindOf(fixture.destination)]!;
      await expect.poll(() => noticeText(page), { message: fixture.destination }).toMatch(new RegExp(`${place} (is|are) reported to your company's security team`));
      await expect.poll(() => received(page, fixture), { message: fixture.destination }).toEqual({ files: 2, pasted: String(text.length) });
      if (fixture.destination === 'claude') await sendJustification(page, 'Deduplicating my own call list');
      await page.close();
    }
    const expectBlocked = allPaths(blocked);
    await expect.poll(() => byMode('block'), { timeout: 30_000 }).toEqual(expectBlocked);
    await expect.poll(() => byMode('warn'), { timeout: 30_000 }).toEqual(allPaths(warned));
    const justified = await eventually(async () => [...(await events('webmail.upload')), ...(await events('webmail.paste'))].find((e) => e.justification), 20_000, 'the justification');
    expect(justified).toMatchObject({ destination: 'claude', mode: 'warn', justification: 'Deduplicating my own call list' });
  });
});
