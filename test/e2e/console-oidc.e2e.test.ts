import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './browser';
import { testApp, type TestApp } from '../integration/harness';
import { CONSOLE_CLIENT, startTestIssuer, type TestIssuer } from '../integration/test-issuer';
import { parseRoleMapping } from '../../server/identity/identity-config';

/**
 * The console's sign-in through a real OpenID provider, in Chromium: the console on `localhost`, the
 * provider on `127.0.0.1`, so the return from the provider is a cross-site navigation as in production.
 */
describe('console sign-in through the identity provider, in Chromium', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let publicUrl: string;

  beforeAll(async () => {
    let fetchApp: (request: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    server = serve({ fetch: (request, env) => fetchApp(request, env), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    publicUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
    issuer = await startTestIssuer({
      consoleRedirectUri: `${publicUrl}/auth/oidc/callback`,
      people: { ann: { email: 'ann@acme.example', groups: ['cg-admins'] }, nora: { email: 'nora@acme.example', groups: ['everyone'] } },
    });
    t = await testApp(new Date(), {
      identity: {
        publicUrl,
        oidc: { issuer: issuer.issuer, clientId: CONSOLE_CLIENT.id, clientSecret: CONSOLE_CLIENT.secret, roles: parseRoleMapping('admin=cg-admins,hr=cg-hr'), roleClaim: 'groups', scopes: 'openid email groups' },
        allowTokenEnrollment: false,
        trustedProxies: [],
      },
    });
    fetchApp = (request, env) => t.app.fetch(request, env);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await issuer?.close();
    await t?.close();
  });

  async function signInAtProvider(account: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${publicUrl}/login`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await page.waitForURL((url) => url.href.startsWith(issuer.issuer));
    await page.fill('input[name=login]', account);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    // The provider's consent step.
    await page.getByRole('button', { name: 'Continue' }).click();
    return { context, page };
  }

  it('signs an admin in from their group, and signs them out', async () => {
    const { context, page } = await signInAtProvider('ann');
    await page.waitForURL(`${publicUrl}/`);
    await expect.poll(() => page.locator('form.who').textContent()).toContain('oidc:ann@acme.example · admin');
    await page.getByRole('link', { name: 'People & tokens' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('People & tokens');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${publicUrl}/login?signed-out`);
    await page.goto(`${publicUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('refuses, with a page saying why, a person without a mapped group', async () => {
    const { context, page } = await signInAtProvider('nora');
    await expect.poll(() => page.locator('h1').textContent()).toBe('No access to crm-guard');
    expect(await page.textContent('body')).toContain('nora@acme.example');
    await page.goto(`${publicUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});
