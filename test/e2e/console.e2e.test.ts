import * as fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './browser';
import { LEAVER, PASSWORDS, seedConsole, XSS } from './console-seed';
import { startProduct, type TestProduct } from './product';

const SHOTS = 'test-results/screenshots';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Every console page, and who may open it. */
function pagesFor(role: string, seed: { alertId: string; pid: string }): [string, string][] {
  const all: [string, string, string[]][] = [
    ['overview', '/', ['admin', 'security', 'hr', 'auditor']],
    ['alerts', '/alerts', ['admin', 'security']],
    ['alert', `/alerts/${seed.alertId}`, ['admin', 'security']],
    ['employees', '/employees', ['admin', 'security', 'hr']],
    ['employee', `/employees/${seed.pid}`, ['admin', 'security', 'hr']],
    ['watchlist', '/watchlist', ['admin', 'security', 'hr']],
    ['devices', '/devices', ['admin', 'security']],
    ['activity', '/activity', ['admin', 'security']],
    ['activity-filtered', '/activity?from=2026-01-01&until=2026-12-31&type=crm.export', ['admin', 'security']],
    ['change-windows', '/admin/change-windows', ['admin', 'security']],
    ['account', '/account', ['admin', 'security', 'hr', 'auditor']],
    ['hr', '/hr', ['admin', 'hr']],
    ['policy', '/policy', ['admin']],
    ['audit', '/audit', ['admin', 'auditor']],
    ['people', '/admin/people', ['admin']],
  ];
  return all.filter(([, , roles]) => roles.includes(role)).map(([name, path]) => [name, path]);
}

/** What every page must get right: its own stylesheet applied, no CSP violation, no script ran, labels on every field, a skip link first in tab order. */
async function checkPage(page: Page, problems: string[], where: string) {
  expect(await page.title(), `${where}: a stored script ran`).not.toBe('pwned');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background, `${where}: console.css not applied`).toBe('rgb(246, 247, 249)');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 80)));
  expect(unlabelled, `${where}: fields without a label`).toEqual([]);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent), `${where}: first Tab stop`).toBe('Skip to content');
  expect(problems, `${where}: console errors`).toEqual([]);
  // axe-core's WCAG 2.x A and AA rules: nothing serious or critical.
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(severe, `${where}: accessibility`).toEqual([]);
}

describe('the console in Chromium: every role walks every page it may open', () => {
  let product: TestProduct;
  let browser: Browser;
  let seed: { alertId: string; pid: string };
  const phoneShots = new Set<string>();

  beforeAll(async () => {
    product = await startProduct();
    seed = await seedConsole(product);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.close();
  });

  async function signedIn(credentials: { username?: string; password?: string; token?: string }) {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${product.server.url}/login`);
    if (credentials.token) await page.fill('#token', credentials.token);
    else {
      await page.fill('#username', credentials.username!);
      await page.fill('#password', credentials.password!);
    }
    await page.click('button[type=submit]');
    await page.waitForURL(`${product.server.url}/`);
    return { context, page, problems };
  }

  async function walk(role: string, credentials: Parameters<typeof signedIn>[0]) {
    const { context, page, problems } = await signedIn(credentials);
    for (const [name, path] of pagesFor(role, seed)) {
      await page.setViewportSize(DESKTOP);
      const response = await page.goto(`${product.server.url}${path}`);
      expect(response?.status(), `${role} ${path}`).toBe(200);
      await page.screenshot({ path: `${SHOTS}/console-${role}-${name}.png`, fullPage: true });
      await checkPage(page, problems, `${role} ${path}`);
      if (!phoneShots.has(name)) {
        phoneShots.add(name);
        await page.setViewportSize(PHONE);
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${role} ${path}: wider than a phone`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/console-phone-${name}.png`, fullPage: true });
      }
    }
    return { context, page };
  }

  it('shows the sign-in page', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${product.server.url}/login`);
    await page.screenshot({ path: `${SHOTS}/console-login.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/console-phone-login.png`, fullPage: true });
    await page.close();
  });

  it('admin (the admin token npm start prints) walks every page and sees names', async () => {
    const { context, page } = await walk('admin', { token: product.adminToken });
    await page.goto(`${product.server.url}/employees`);
    expect(await page.textContent('main')).toContain(LEAVER);
    // The policy form as Chromium submits it: field names with `.` and `*`, number fields, the CSRF token.
    await page.goto(`${product.server.url}/policy`);
    await page.selectOption('#modes-default', 'warn');
    await page.selectOption('#mode-gmail', 'block');
    await page.fill('#retentionDays', '365');
    await page.fill('#silentAfterHours', '96');
    // A tenant that is not one: refused with its line named, and what was typed is still there to correct.
    await page.fill('#companyTenants', 'acme-corp.example\nhttps://app.slack.com/client/TACME');
    await page.selectOption('#view-limit-salesforce-mode', 'block');
    await page.fill('#view-limit-salesforce-opens', '4');
    await page.click('button:has-text("Save policy")');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('Company tenants, line 2: a URL prefix ends with /');
    expect(await page.inputValue('#view-limit-salesforce-opens')).toBe('4');
    expect(await page.inputValue('#retentionDays')).toBe('365');
    await page.fill('#companyTenants', 'acme-corp.example\nhttps://app.slack.com/client/TACME/');
    await page.click('button:has-text("Save policy")');
    await expect.poll(() => page.textContent('main')).toContain('Saved: policy version');
    const policy = (await (await fetch(`${product.server.url}/v1/policy`, { headers: { authorization: `Bearer ${product.adminToken}` } })).json()) as { retentionDays: number; coverage: { silentAfterHours: number }; personalDestinations: { id: string; mode: string }[] };
    expect(policy).toMatchObject({
      retentionDays: 365, coverage: { silentAfterHours: 96 },
      companyTenants: ['acme-corp.example', 'https://app.slack.com/client/TACME/'], recordViewLimits: { salesforce: { opens: 4, periodHours: 720, mode: 'block' } },
    });
    expect(policy.personalDestinations.filter((d) => ['gmail', 'dropbox'].includes(d.id)).map((d) => d.mode)).toEqual(['block', 'warn']);
    await context.close();
  });

  it('security triages an alert and sees pseudonyms, never the name', async () => {
    const { context, page } = await walk('security', { username: 'security', password: PASSWORDS.security });
    await page.goto(`${product.server.url}/alerts`);
    await page.check('[data-select-all]');
    expect(await page.$$eval('input[name=ids]', (boxes) => boxes.every((b) => (b as HTMLInputElement).checked))).toBe(true);
    await page.goto(`${product.server.url}/alerts/${seed.alertId}`);
    expect(await page.textContent('main')).toContain(XSS);
    expect(await page.textContent('main')).not.toContain(LEAVER);
    await page.selectOption('#status', 'investigating');
    await page.click('button:has-text("Change status")');
    await page.waitForURL(`${product.server.url}/alerts/${seed.alertId}`);
    expect(await page.textContent('main')).toContain('investigating');
    await context.close();
  });

  it('HR reveals a name with a reason and sees the handover checklist', async () => {
    const { context, page } = await walk('hr', { username: 'hr', password: PASSWORDS.hr });
    await page.goto(`${product.server.url}/employees/${seed.pid}`);
    expect(await page.textContent('main')).toContain('Handover checklist');
    expect(await page.textContent('main')).not.toContain(LEAVER);
    await page.fill('#reveal-reason', 'Exit conversation with the manager');
    await page.click('button:has-text("Reveal")');
    await expect.poll(() => page.textContent('main')).toContain(LEAVER);
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/console-hr-employee-revealed.png`, fullPage: true });
    await context.close();
  });

  it('the auditor sees the reveal in an intact chain', async () => {
    const { context, page } = await walk('auditor', { username: 'auditor', password: PASSWORDS.auditor });
    await page.goto(`${product.server.url}/audit`);
    const text = await page.textContent('main');
    expect(text).toContain('Intact');
    expect(text).toContain('employee.reveal');
    await context.close();
  });
});
