import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';
import { signInForm } from './console-session';
import { CONSOLE_CLIENT, signInAtIssuer, startTestIssuer, type TestIssuer } from './test-issuer';
import { parseRoleMapping, type IdentityConfig } from '../../server/identity/identity-config';
import { hashPassword } from '../../server/auth/passwords';

/** Console sign-in through a real OpenID provider (code flow, PKCE, state, nonce), driven request by request. */
const PUBLIC_URL = 'http://console.test';
const CALLBACK = `${PUBLIC_URL}/auth/oidc/callback`;
let issuer: TestIssuer;
let t: TestApp | undefined;

beforeAll(async () => {
  issuer = await startTestIssuer({
    consoleRedirectUri: CALLBACK,
    people: {
      ann: { email: 'ann@acme.example', groups: ['cg-admins', 'everyone'] },
      hugo: { email: 'hugo@acme.example', groups: ['cg-hr'] },
      nora: { email: 'nora@acme.example', groups: ['everyone'] },
    },
  });
});
afterAll(() => issuer.close());
afterEach(async () => { await t?.close(); t = undefined; });

async function app() {
  const identity: IdentityConfig = {
    publicUrl: PUBLIC_URL,
    oidc: { issuer: issuer.issuer, clientId: CONSOLE_CLIENT.id, clientSecret: CONSOLE_CLIENT.secret, roles: parseRoleMapping('admin=cg-admins,security=cg-security,hr=cg-hr,auditor=cg-audit'), roleClaim: 'groups', scopes: 'openid email groups' },
    allowTokenEnrollment: false,
    trustedProxies: [],
  };
  t = await testApp(new Date(), { identity });
  return t;
}

function cookie(response: Response, name: string) {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`) && c !== `${name}=`);
}

/** The browser's part: start at the console, sign in at the IdP as `account`, come back to the callback. */
async function signInAs(a: TestApp, account: string) {
  const start = await a.app.request(`${PUBLIC_URL}/auth/oidc/login`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const pending = cookie(start, 'crmguard_oidc')!;
  const back = await signInAtIssuer(authorize.href, account, CALLBACK);
  return { back, pending, callback: () => a.app.request(back.href, { headers: { cookie: pending } }) };
}

describe('console sign-in through the identity provider', () => {
  it('signs a person in with the role their group maps to, and signs them out', async () => {
    const a = await app();
    const login = await a.app.request(`${PUBLIC_URL}/login`);
    const page = await login.text();
    expect(page.indexOf('/auth/oidc/login')).toBeGreaterThan(-1);
    expect(page.indexOf('/auth/oidc/login')).toBeLessThan(page.indexOf('name="username"'));
    const response = await (await signInAs(a, 'ann')).callback();
    expect(response.status).toBe(200);
    const session = cookie(response, 'crmguard_session')!;
    const home = await a.app.request(`${PUBLIC_URL}/`, { headers: { cookie: session } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('oidc:ann@acme.example · admin');
    const logout = await a.app.request(`${PUBLIC_URL}/logout`, { method: 'POST', headers: { cookie: session, origin: PUBLIC_URL } });
    expect(logout.status).toBe(303);
    expect((await a.app.request(`${PUBLIC_URL}/`, { headers: { cookie: session } })).headers.get('location')).toBe('/login');
    const audit = (await (await a.request('/v1/audit', { token: ADMIN })).json()) as { action: string; actor: string }[];
    expect(audit.some((r) => r.action === 'sign_in' && r.actor === 'oidc:ann@acme.example')).toBe(true);
  });

  it('gives HR the hr role and nothing more', async () => {
    const a = await app();
    const session = cookie(await (await signInAs(a, 'hugo')).callback(), 'crmguard_session')!;
    expect((await a.app.request(`${PUBLIC_URL}/hr`, { headers: { cookie: session } })).status).toBe(200);
    expect((await a.app.request(`${PUBLIC_URL}/admin/people`, { headers: { cookie: session } })).status).toBe(403);
  });

  it('refuses, with a page saying why, a person none of whose groups maps to a role', async () => {
    const a = await app();
    const response = await (await signInAs(a, 'nora')).callback();
    expect(response.status).toBe(403);
    expect(cookie(response, 'crmguard_session')).toBeUndefined();
    const page = await response.text();
    expect(page).toContain('No access to crm-guard');
    expect(page).toContain('cg-admins');
  });

  it('refuses a person the identity provider deactivated over SCIM, even with a mapped group', async () => {
    const a = await app();
    const at = new Date().toISOString();
    await a.store.saveScimUser({ id: crypto.randomUUID(), userName: 'ann@acme.example', externalId: null, active: false, resource: { userName: 'ann@acme.example', active: false }, createdAt: at, updatedAt: at });
    const response = await (await signInAs(a, 'ann')).callback();
    expect(response.status).toBe(403);
    expect(cookie(response, 'crmguard_session')).toBeUndefined();
    expect(await response.text()).toContain('deactivated');
  });

  it('refuses a callback this browser did not start, and one whose state was swapped', async () => {
    const a = await app();
    const { back, pending } = await signInAs(a, 'ann');
    expect((await a.app.request(back.href)).status).toBe(400);
    const swapped = new URL(back.href);
    swapped.searchParams.set('state', 'attacker-state');
    expect((await a.app.request(swapped.href, { headers: { cookie: pending } })).status).toBe(400);
  });

  it('refuses a code replayed with another browser’s pending sign-in (the nonce and PKCE verifier do not match)', async () => {
    const a = await app();
    const victim = await signInAs(a, 'ann');
    const attacker = await signInAs(a, 'nora');
    // The attacker's own pending cookie, with the victim's code and the attacker's state.
    const replay = new URL(victim.back.href);
    replay.searchParams.set('state', attacker.back.searchParams.get('state')!);
    const response = await a.app.request(replay.href, { headers: { cookie: attacker.pending } });
    expect(response.status).toBe(502);
    expect(cookie(response, 'crmguard_session')).toBeUndefined();
  });

  it('keeps local accounts as break-glass until an admin switches them off', async () => {
    const a = await app();
    await a.store.createUser({ id: crypto.randomUUID(), username: 'breakglass', role: 'admin', passwordHash: await hashPassword('a long enough password'), createdAt: new Date().toISOString(), createdBy: 'test' });
    expect((await signInForm(a, { username: 'breakglass', password: 'a long enough password' })).status).toBe(303);
    expect((await a.request('/v1/settings/sign-in', { method: 'PUT', token: ADMIN, json: { localAccounts: false } })).status).toBe(200);
    const refused = await signInForm(a, { username: 'breakglass', password: 'a long enough password' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Local accounts are switched off');
    // Automation keeps its token.
    expect((await signInForm(a, { token: ADMIN })).status).toBe(303);
  });

  it('does not let local accounts be switched off without an identity provider', async () => {
    t = await testApp(new Date());
    const response = await t.request('/v1/settings/sign-in', { method: 'PUT', token: ADMIN, json: { localAccounts: false } });
    expect(response.status).toBe(409);
    // And the console says plainly that employees' identities are not verified.
    const people = await t.app.request('http://localhost/admin/people', { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await people.text()).toContain('Identities are not verified.');
  });
});
