import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACT_IDS } from '../fixtures/server';
import { noticeText, sendJustification } from './closed-notice';
import { eventually } from './product';
import { pushPolicy } from './push-policy';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'repeat.viewer@acme.example';
const CRM_HOST = 'acme.lightning.force.com';
const RECORD = `/lightning/r/Contact/${FIXTURE_CONTACT_IDS[0]}/view`;
const LIST = '/lightning/o/Contact/list';

/**
 * The record-view rule: with Salesforce limited to two opens of a record a day, the third open asks for a
 * reason beside the record (warn), and after the switch to block the next one covers the record until a
 * reason is given; each view beyond the limit reaches the server with its count and, once given, its reason.
 */
describe('record-view limit', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(EMPLOYEE);
    await pushPolicy(stack, { recordViewLimits: { salesforce: { opens: 2, periodHours: 24, mode: 'warn' } } });
  });
  afterAll(async () => { await stack?.close(); });

  const beyondLimit = async () => (await stack.events('crm.record_view')).filter((e) => e.opensInPeriod !== undefined);

  it('asks for a reason beyond the limit and records it with the view; in block mode covers the record until one is given', async () => {
    const page = await stack.browser.context.newPage();
    for (const open of [1, 2]) {
      await page.goto(stack.fixtures.url(CRM_HOST, RECORD));
      await page.goto(stack.fixtures.url(CRM_HOST, LIST));
      expect(await beyondLimit(), `open ${open} is within the limit`).toEqual([]);
    }
    await page.goto(stack.fixtures.url(CRM_HOST, RECORD));
    const warning = await eventually(() => noticeText(page), 15_000, 'the request for a reason');
    expect(warning).toBe('You have opened this client record 3 times in 1 day; your company allows 2 views without a reason. Please say why you need it; your reason is recorded with this view.');
    // Warn leaves the record readable.
    await expect(page.locator('[data-field="Email"]').isVisible()).resolves.toBe(true);
    await sendJustification(page, 'The client called back about the renewal');
    const warned = await eventually(async () => (await beyondLimit()).find((e) => e.justification), 20_000, 'the reason on the view');
    expect(warned).toMatchObject({ crm: 'salesforce', opensInPeriod: 3, allowedOpens: 2, limitMode: 'warn', justification: 'The client called back about the renewal' });
    const reasons = await stack.events('crm.record_view_reason');
    expect(reasons).toEqual([expect.objectContaining({ eventId: warned.id, crm: 'salesforce', justification: 'The client called back about the renewal' })]);

    await pushPolicy(stack, { recordViewLimits: { salesforce: { opens: 2, periodHours: 24, mode: 'block' } } });
    await page.goto(stack.fixtures.url(CRM_HOST, LIST));
    await page.goto(stack.fixtures.url(CRM_HOST, RECORD));
    await expect.poll(() => noticeText(page)).toMatch(/^You have opened this client record 4 times in 1 day; .* The record stays hidden until you say why you need it/);
    // The cover is on top of the record, wherever one looks.
    const topmost = () => page.evaluate(() => {
      const field = document.querySelector('[data-field="Email"]')!.getBoundingClientRect();
      return document.elementFromPoint(field.left + 2, field.top + 2)?.tagName;
    });
    await expect(topmost()).resolves.toBe('CRM-GUARD-NOTICE');
    await sendJustification(page, 'Preparing the contract for signature');
    await expect.poll(topmost).toBe('DD');
    const blocked = await eventually(async () => (await beyondLimit()).find((e) => e.limitMode === 'block' && e.justification), 20_000, 'the reason on the blocked view');
    expect(blocked).toMatchObject({ opensInPeriod: 4, allowedOpens: 2, justification: 'Preparing the contract for signature' });
  });
});
