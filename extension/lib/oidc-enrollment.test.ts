import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pkceChallenge } from './oidc-enrollment';
import { ensureEnrolled, type Enrollment } from './transport';
import { readConfig } from './config';
import { testApp, type TestApp } from '../../test/integration/harness';
import { EXTENSION_CLIENT, identityFor, signInAtIssuer, startTestIssuer, type TestIssuer } from '../../test/integration/test-issuer';

describe('pkceChallenge', () => {
  it('matches RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

/**
 * The extension's enrollment with the company's identity provider: a real provider, the real server over
 * HTTP; only `identity.launchWebAuthFlow` (the browser's sign-in window) is played by following the
 * provider's forms as the employee would.
 */
describe('enrollment through the identity provider', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let server: ServerType;
  let serverUrl: string;
  let account = 'alice';
  let windowsOpened = 0;

  beforeAll(async () => {
    issuer = await startTestIssuer({ consoleRedirectUri: 'http://console.test/auth/oidc/callback', people: { alice: { email: 'alice@acme.example' }, bob: { email: 'bob@acme.example' } } });
  });
  afterAll(() => issuer.close());

  beforeEach(async () => {
    fakeBrowser.reset();
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'crm-guard', version: '0.1.0' });
    windowsOpened = 0;
    account = 'alice';
    const identity = fakeBrowser.identity as unknown as Record<string, unknown>;
    identity.getRedirectURL = () => EXTENSION_CLIENT.redirectUri;
    identity.launchWebAuthFlow = async ({ url }: { url: string }) => {
      windowsOpened++;
      return (await signInAtIssuer(url, account, EXTENSION_CLIENT.redirectUri)).href;
    };
    t = await testApp(new Date(), {
      employeeDomains: ['acme.example'],
      identity: identityFor(issuer),
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: (request) => t.app.fetch(request), port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    serverUrl = `http://127.0.0.1:${port}`;
    // The managed policy names the server and the provider; the profile claims to be someone else.
    await fakeBrowser.storage.managed.set({ serverUrl, oidcIssuer: issuer.issuer, oidcClientId: EXTENSION_CLIENT.id, employeeEmail: 'ceo@acme.example' });
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('enrolls as the person who signed in at the provider, whatever the configuration claims', async () => {
    const enrollment = (await ensureEnrolled()) as Enrollment;
    expect(enrollment).toMatchObject({ employee: 'alice@acme.example', verifiedBy: 'oidc' });
    expect((await readConfig()).employeeEmail).toBe('alice@acme.example');
    expect((await t.store.listDevices('alice@acme.example'))).toHaveLength(1);
    expect(await t.store.listDevices('ceo@acme.example')).toHaveLength(0);
    // Enrolled once: later calls reuse the device without another sign-in.
    await ensureEnrolled();
    expect(windowsOpened).toBe(1);
  });

  it('tells the server when this browser changes identity', async () => {
    await ensureEnrolled();
    // Someone else signs in on this browser after its enrollment was dropped (as the options page does on a change).
    await fakeBrowser.storage.local.remove('device');
    account = 'bob';
    expect(await ensureEnrolled()).toMatchObject({ employee: 'bob@acme.example', verifiedBy: 'oidc' });
    const audit = await t.store.listAudit({ limit: 20 });
    expect(audit.map((r) => r.action)).toContain('device.identity_change');
  });
});
