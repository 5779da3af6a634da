import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprints, make } from '../integration/harness';
import { httpReceiver } from '../integration/receivers';
import { CHROMIUM_PATH } from './browser';
import { eventually, startProduct, type TestProduct } from './product';

const EMPLOYEE = 'leaver@acme.example';

/**
 * The dead-letter page of the real server: an alert whose webhook delivery failed is listed, and
 * "Retry all" (a form post with the session cookie) sends it once the receiver is back.
 */
describe('dead letters in the console', () => {
  let product: TestProduct;
  let browser: Browser;
  let receiverDown = true;
  let receiver: Awaited<ReturnType<typeof httpReceiver>>;

  beforeAll(async () => {
    product = await startProduct();
    receiver = await httpReceiver(() => (receiverDown ? { status: 502, body: 'bad gateway <script>alert(1)</script>' } : { status: 200, body: '{}' }));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await product?.close();
  });

  it('lists the failed delivery and sends it again from the page', async () => {
    await product.api('/v1/integrations', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ webhook: { enabled: true, url: `${receiver.url}/hook`, secret: 'whsec_e2e-secret-0123' }, maxAttempts: 1 }),
    });
    const contacts = fingerprints(30);
    const now = Date.now();
    // Two people, two cases (one person's incident is one alert): two deliveries to fail.
    for (const employee of [EMPLOYEE, `second.${EMPLOYEE}`]) {
      const enroll = await fetch(`${product.server.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enrollmentToken: product.enrollmentToken, employeeEmail: employee, device: {} }) });
      const { deviceToken } = (await enroll.json()) as { deviceToken: string };
      const events = [make.export(employee, new Date(now - 3_600_000).toISOString(), { fingerprints: contacts }), make.upload(employee, new Date(now - 60_000).toISOString(), { fingerprints: contacts })];
      const ingest = await fetch(`${product.server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` }, body: JSON.stringify({ events }) });
      expect(ingest.status).toBe(200);
    }
    // The server's own dispatcher tries at once; with maxAttempts 1 each failure is a dead letter.
    const dead = await eventually(async () => {
      const { deadLetters } = await product.api<{ deadLetters: unknown[] }>('/v1/dead-letters');
      return deadLetters.length >= 2 ? deadLetters : undefined;
    }, 20_000, 'the failed deliveries to become dead letters');
    expect(dead).toHaveLength(2);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${product.server.url}/dead-letters`);
    await page.waitForURL(`${product.server.url}/login`);
    await page.fill('#token', product.adminToken);
    await page.click('button[type=submit]');
    await page.waitForURL(`${product.server.url}/`);
    await page.goto(`${product.server.url}/dead-letters`);
    await expect(page.locator('h2#dead-heading').innerText()).resolves.toBe('Dead letters (2)');
    const body = await page.locator('table').innerText();
    expect(body).toContain('answered 502: bad gateway <script>alert(1)</script>');
    expect(await page.evaluate(() => document.querySelectorAll('table script').length)).toBe(0);
    fs.mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: path.join('test-results/screenshots', 'dead-letters.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: path.join('test-results/screenshots', 'dead-letters-phone.png'), fullPage: true });

    receiverDown = false;
    const before = receiver.received.length;
    await page.click('text=Retry all');
    await page.waitForURL(`${product.server.url}/dead-letters`);
    await eventually(async () => (receiver.received.length >= before + 2 ? true : undefined), 20_000, 'the retried deliveries');
    await page.reload();
    await expect(page.locator('h2#dead-heading').innerText()).resolves.toBe('Dead letters (0)');
  });
});
