import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { HOSTILE_HOST, ONE_GIB } from '../fixtures/crm/hostile';
import { startCrmSession, type CrmSession } from './crm-session';
import { selectAndCopy } from './actions';

const EMPLOYEE = 'hostile@acme.example';
const N = FIXTURE_CONTACTS.length;

/** Pages that fight back or feed the extension what it should survive; the extension keeps reporting. */
describe('hostile CRM pages', () => {
  let s: CrmSession;
  const url = (path: string) => s.fixtures.url(HOSTILE_HOST, path);
  beforeAll(async () => {
    s = await startCrmSession(EMPLOYEE);
  });
  afterAll(async () => s?.close());

  it('still sees copies and revoked blob exports on a page that replaced addEventListener and createObjectURL', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(url('/overrides'));
    await selectAndCopy(page, '#list');
    await s.download(page, '#export');
    const copy = await s.waitForEvent('crm.copy', since, () => true, 'the copy');
    expect(copy).toMatchObject({ crm: 'salesforce', emailCount: N });
    const exported = await s.waitForEvent('crm.export', since, (e) => e.route === 'blob', 'the blob export');
    // (The file name is Playwright's: it saves downloads under its own names, and a blob: URL suggests none.)
    expect(exported).toMatchObject({ format: 'csv', rows: N, emailCount: N });
  });

  it('classifies a 50 MB select-all without breaking the page', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    // Laying out 50 MB of text takes Chromium a while on a loaded machine; the page's own work, not ours.
    await page.goto(url('/huge-list'), { waitUntil: 'commit' });
    await page.waitForFunction(() => document.title.startsWith('ready'), undefined, { timeout: 180_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const copy = await s.waitForEvent('crm.copy', since, () => true, 'the 50 MB copy');
    expect(copy.charCount).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(copy.emailCount).toBe(N);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  }, 300_000);

  it.each([
    ['binary.csv', { format: 'csv', sizeBytes: 256 * 1024, emailCount: 0 }],
    ['corrupt.xlsx', { format: 'xlsx', sizeBytes: 64 * 1024 }],
    ['malformed.csv', { format: 'csv', emailCount: N }],
  ])('reports the export %s with what could be read', async (file, expected) => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(url('/exports'));
    await s.download(page, `#${file.replace('.', '-')}`);
    const exported = await s.waitForEvent('crm.export', since, (e) => e.fileName === file, `the export of ${file}`);
    expect(exported).toMatchObject({ crm: 'salesforce', route: 'download', ...expected });
    if (file === 'corrupt.xlsx') expect(exported.rows).toBeUndefined();
  });

  it('measures only the head of a 1 GiB export and reports its full size', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(url('/exports'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#huge-csv')]);
    // The browser saves it to disk; the extension re-reads only its first 32 MiB.
    expect(await download.failure()).toBeNull();
    const exported = await s.waitForEvent('crm.export', since, (e) => e.fileName === 'all-contacts.csv', 'the 1 GiB export');
    expect(exported).toMatchObject({ format: 'csv', sizeBytes: ONE_GIB, emailCount: N });
    const rowsInFile = ONE_GIB / (new TextEncoder().encode(FIXTURE_CONTACTS.map((c) => `${c.firstName},${c.lastName},${c.company},${c.email},${c.phone}`).join('\r\n')).length / N);
    expect(exported.rows).toBeGreaterThan(100_000);
    expect(exported.rows).toBeLessThan(rowsInFile / 10);
    await download.delete();
  }, 300_000);
});
