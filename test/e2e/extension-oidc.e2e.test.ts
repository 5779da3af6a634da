import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually } from './product';
import { testApp, type TestApp } from '../integration/harness';
import { EXTENSION_CLIENT, identityFor, startTestIssuer, type TestIssuer } from '../integration/test-issuer';
import { EXTENSION_ID } from '../../shared/extension-key';

/**
 * The built extension enrolls through the company's provider in Chromium: `identity.launchWebAuthFlow`
 * opens the provider's sign-in, the employee signs in, Chromium hands the chromiumapp.org redirect back,
 * and the server binds the device to the verified identity, not to the e-mail the build states.
 */
describe('extension enrollment through the identity provider, in Chromium', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    issuer = await startTestIssuer({
      consoleRedirectUri: 'http://console.test/auth/oidc/callback',
      extensionRedirectUri: `https://${EXTENSION_ID}.chromiumapp.org/`,
      extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
      people: { dana: { email: 'dana@acme.example' } },
    });
    t = await testApp(new Date(), {
      employeeDomains: ['acme.example'],
      identity: identityFor(issuer),
    });
    server = serve({ fetch: (request, env) => t.app.fetch(request, env), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await issuer?.close();
    await t?.close();
  });

  it('signs the employee in at the provider and enrolls as them', async () => {
    const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const extensionPath = buildExtension({ serverUrl, enrollmentToken: '', employee: 'ceo@acme.example' }, 'chrome', {
      CRMGUARD_OIDC_ISSUER: issuer.issuer, CRMGUARD_OIDC_EXTENSION_CLIENT_ID: EXTENSION_CLIENT.id,
    });
    browser = await launchWithExtension({ extensionPath, fixturePort: 9 });
    expect(browser.extensionId).toBe(EXTENSION_ID);
    // No provider session yet: the silent attempt fails and the provider's sign-in window opens.
    const signIn = await eventually(async () => browser!.context.pages().find((p) => p.url().startsWith(issuer.issuer)), 30_000, 'the provider sign-in window');
    await signIn.fill('input[name=login]', 'dana');
    await signIn.fill('input[name=password]', 'any password');
    await signIn.click('button[type=submit]');
    await signIn.getByRole('button', { name: 'Continue' }).click();
    const device = await eventually(async () => {
      const { devices } = (await (await t.request('/v1/devices', { token: 'adm_integration-admin' })).json()) as { devices: { employee: string; verifiedBy: string }[] };
      return devices[0];
    }, 30_000, 'the device to enroll');
    expect(device).toMatchObject({ employee: 'dana@acme.example', verifiedBy: 'oidc' });
    const stored = await browser.serviceWorker.evaluate(async () => {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      return (await chrome.storage.local.get('device')).device as { employee: string; verifiedBy: string };
    });
    expect(stored).toMatchObject({ employee: 'dana@acme.example', verifiedBy: 'oidc' });
  });
});
