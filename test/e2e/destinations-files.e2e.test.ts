import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAL_DESTINATIONS } from '../../shared/destinations';
import { contactsCsv, FIXTURE_CONTACTS } from '../fixtures/contacts';
import { FILE_AND_TABLE_FIXTURES, FILE_AND_TABLE_HOSTS } from '../fixtures/destinations';
import { noticeText, sendJustification } from './closed-notice';
import { received } from './composer-actions';
import { allPaths, destinationPaths } from './destination-paths';
import { eventually } from './product';
import { pushPolicy } from './push-policy';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'rep@acme.example';
const SITES = FILE_AND_TABLE_FIXTURES;
const PLACES: Record<string, string> = { cloud: 'personal cloud storage and transfer sites', docs: 'personal documents', messenger: 'personal messengers' };
const placeOf = (id: string) => PLACES[BUILT_IN_PERSONAL_DESTINATIONS.find((d) => d.id === id)!.kind]!;
const modes = (mode: 'warn' | 'block') => ({ destinationModes: Object.fromEntries(SITES.map((f) => [f.destination, mode])) });

/**
 * OneDrive (personal), Box, Airtable and WeChat Web on web.wechat.com under their real hostnames, each with
 * the upload control and paste target the real site builds (an input appended and removed on the fly, a
 * hidden input behind a button, an input never attached, WebUploader's input inside a label; Monaco's
 * 1-pixel textarea, a Draft.js comment box, a grid's off-screen paste textarea, a contenteditable `<pre>`),
 * driven with trusted input: upload, paste and drop on each, in audit, then warn, then block.
 */
describe('OneDrive, Box, Airtable and WeChat Web (web.wechat.com)', () => {
  let stack: Stack;
  let csvFile: string;
  const text = contactsCsv();
  const paths = () => destinationPaths(stack, EMPLOYEE, text, csvFile);

  beforeAll(async () => {
    stack = await startStack(EMPLOYEE, FILE_AND_TABLE_HOSTS);
    csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-files-')), 'clients.csv');
    fs.writeFileSync(csvFile, text);
  });
  afterAll(async () => { await stack?.close(); });

  it('audit: the page receives the files and the paste, nothing is shown, every path is reported with its contacts', async () => {
    for (const fixture of SITES) {
      const page = await paths().exfiltrate(fixture, 'dropped.csv');
      await expect.poll(() => received(page, fixture), { message: fixture.destination }).toEqual({ files: 2, pasted: String(text.length) });
      await expect(noticeText(page)).resolves.toBeUndefined();
      await page.close();
    }
    const expected = allPaths(SITES);
    const reported = await eventually(async () => {
      const found = await paths().byMode('audit');
      return found.length >= expected.length ? found : undefined;
    }, 30_000, `${expected.length} reported pastes, uploads and drops`);
    expect(reported).toEqual(expected);
    const uploads = await paths().events('webmail.upload');
    for (const upload of uploads) expect(upload).toMatchObject({ emailCount: FIXTURE_CONTACTS.length, fileName: expect.stringMatching(/^(clients|dropped)\.csv$/) });
    const pastes = await paths().events('webmail.paste');
    expect(pastes.find((e) => e.destination === 'airtable')).toMatchObject({ origin: 'https://airtable.com', emailCount: FIXTURE_CONTACTS.length });
    expect(pastes.find((e) => e.destination === 'wechat-web')).toMatchObject({ origin: 'https://web.wechat.com' });
    expect(uploads.find((e) => e.destination === 'onedrive-personal' && e.channel === 'file_input')).toMatchObject({ origin: 'https://onedrive.live.com' });
  });

  it('warn: a notice on every path, the page still receives everything, and a justification is kept', async () => {
    await pushPolicy(stack, modes('warn'));
    for (const fixture of SITES) {
      const page = await paths().exfiltrate(fixture, 'warned.csv');
      await expect.poll(() => noticeText(page), { message: fixture.destination }).toMatch(new RegExp(`${placeOf(fixture.destination)} (is|are) reported to your company's security team`));
      await expect.poll(() => received(page, fixture), { message: fixture.destination }).toEqual({ files: 2, pasted: String(text.length) });
      if (fixture.destination === 'box') await sendJustification(page, 'Sharing the list with our auditor');
      await page.close();
    }
    await expect.poll(() => paths().byMode('warn'), { timeout: 30_000 }).toEqual(allPaths(SITES));
    const justified = await eventually(async () => [...(await paths().events('webmail.upload')), ...(await paths().events('webmail.paste'))].find((e) => e.justification), 20_000, 'the justification');
    expect(justified).toMatchObject({ destination: 'box', mode: 'warn', justification: 'Sharing the list with our auditor' });
  });

  it('block: a notice on every path, and the page never receives the files or the pasted text', async () => {
    await pushPolicy(stack, modes('block'));
    for (const fixture of SITES) {
      const page = await paths().exfiltrate(fixture, 'blocked.csv');
      await expect.poll(() => noticeText(page), { message: fixture.destination }).toMatch(new RegExp(`${placeOf(fixture.destination)} (is|are) blocked by your company's policy`));
      await expect(received(page, fixture), fixture.destination).resolves.toEqual({ files: 0, pasted: null });
      await page.close();
    }
    await expect.poll(() => paths().byMode('block'), { timeout: 30_000 }).toEqual(allPaths(SITES));
  });
});
