import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { HOSTILE_HOST } from '../fixtures/crm/hostile';
import { selectAndCopy } from './actions';
import { startCrmSession, type CrmSession } from './crm-session';

const EMPLOYEE = 'grids@acme.example';
const N = FIXTURE_CONTACTS.length;

/** Copies out of grids (test/fixtures/crm/grid.ts): what reaches the clipboard is what is measured. */
describe('copies from grids', () => {
  let s: CrmSession;
  beforeAll(async () => {
    s = await startCrmSession(EMPLOYEE);
  });
  afterAll(async () => s?.close());

  it('measures what a Tabulator grid writes to the clipboard itself, not the few rows it has in the DOM', async () => {
    const since = new Date();
    const page = await s.browser.context.newPage();
    await page.goto(s.fixtures.url(HOSTILE_HOST, '/grid'));
    await page.locator('.tabulator-cell').first().click();
    // Virtual rendering: far fewer rows in the document than the grid holds.
    expect(await page.locator('.tabulator-row').count()).toBeLessThan(N / 2);
    await page.keyboard.press('Control+C');
    const copy = await s.waitForEvent('crm.copy', since, () => true, 'the grid copy');
    expect(copy).toMatchObject({ crm: 'salesforce', emailCount: N, rowCount: N + 1 });
    expect(s.product.storedEvent(copy.id).fingerprints).toHaveLength(N);
  });

  it('keeps the cells of a div grid apart, so its addresses are the table\'s own', async () => {
    const since = new Date();
    const grid = await s.browser.context.newPage();
    await grid.goto(s.fixtures.url(HOSTILE_HOST, '/div-grid'));
    await selectAndCopy(grid, '#list');
    const fromGrid = await s.waitForEvent('crm.copy', since, () => true, 'the div grid copy');
    const table = await s.browser.context.newPage();
    await table.goto(s.fixtures.url(HOSTILE_HOST, '/forgery'));
    await selectAndCopy(table, '#list');
    const fromTable = await s.waitForEvent('crm.copy', since, (e) => e.id !== fromGrid.id, 'the table copy');
    expect(fromGrid).toMatchObject({ emailCount: N, rowCount: N });
    // The API returns no fingerprints; the stored (server-keyed) ones of the two copies are the same set.
    const stored = (id: string) => [...s.product.storedEvent(id).fingerprints as string[]].sort();
    expect(stored(fromGrid.id)).toHaveLength(N);
    expect(stored(fromGrid.id)).toEqual(stored(fromTable.id));
  });
});
