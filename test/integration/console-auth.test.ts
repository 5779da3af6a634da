import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashToken } from '../../server/auth/secrets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';
import { createUser, signIn, signInForm } from './console-session';

// scrypt costs a tenth of a second per attempt on an idle machine; several times that on a loaded one.
describe('console sign-in, sessions and accounts', { timeout: 30_000 }, () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  it('signs in with a password into an HttpOnly, SameSite=Strict session stored only as a hash', async () => {
    await createUser(t, ADMIN, 'sally', 'security', 'sally-password-1');
    const response = await signInForm(t, { username: 'Sally', password: 'sally-password-1' });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('crmguard_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const sessionId = /^crmguard_session=([^;]+)/.exec(cookie)![1]!;
    expect(await t.store.sessionByIdHash(sessionId, '2026-11-02T10:00:00Z')).toBeUndefined();
    expect(await t.store.sessionByIdHash(hashToken(sessionId), '2026-11-02T10:00:00Z')).toEqual({ role: 'security', subject: 'user:sally' });
    const session = await signIn(t, { username: 'sally', password: 'sally-password-1' });
    expect(await (await session.request('/')).text()).toContain('sally · security');
  });

  it('keeps the admin token working on the form and the first-run admin account from the password file', async () => {
    expect((await signInForm(t, { token: ADMIN })).status).toBe(303);
    const users = (await (await t.request('/v1/users', { token: ADMIN })).json()) as { username: string; role: string }[];
    expect(users).toEqual([expect.objectContaining({ username: 'admin', role: 'admin' })]);
  });

  it('refuses wrong passwords, then slows that account from this address, even the right password, for a moment', async () => {
    await createUser(t, ADMIN, 'harry', 'hr', 'harry-password-1');
    for (let i = 0; i < 5; i++) {
      t.setNow(new Date(Date.parse('2026-11-02T10:00:00Z') + i * 60_000));
      const wrong = await signInForm(t, { username: 'harry', password: `guess-${i}-xxxxxxx` });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('do not match an active account');
    }
    // Five failures: this address waits 2^2 s after the last one (sign-in-throttle.ts), not fifteen minutes.
    const blocked = await signInForm(t, { username: 'harry', password: 'harry-password-1' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('4');
    t.setNow(new Date('2026-11-02T10:04:05Z'));
    expect((await signInForm(t, { username: 'harry', password: 'harry-password-1' })).status).toBe(303);
  });

  it('needs the CSRF token on form posts without our Origin, and refuses a foreign Origin even with it', async () => {
    const session = await signIn(t, { token: ADMIN });
    const form = { username: 'newbie', role: 'auditor', password: 'newbie-password-1' };
    expect((await session.request('/admin/users', { form, csrf: false })).status).toBe(403);
    const foreign = await t.app.request('http://localhost/admin/users', {
      method: 'POST',
      headers: { cookie: session.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
    });
    expect(foreign.status).toBe(403);
    expect((await session.request('/admin/users', { form })).status).toBe(303);
    expect((await signInForm(t, { username: 'newbie', password: 'newbie-password-1' })).status).toBe(303);
  });

  it('refuses a sign-in form that did not come from our page', async () => {
    const response = await t.app.request('http://localhost/login', {
      method: 'POST', headers: { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ADMIN}`,
    });
    expect(response.status).toBe(403);
  });

  it('ends the sessions of a disabled account and lets nobody disable the last admin', async () => {
    const { id } = await createUser(t, ADMIN, 'ann', 'auditor');
    const session = await signIn(t, { username: 'ann', password: 'ann-password-123' });
    expect((await session.request('/audit')).status).toBe(200);
    expect((await t.request(`/v1/users/${id}`, { method: 'PATCH', token: ADMIN, json: { disabled: true } })).status).toBe(200);
    const after = await session.request('/audit');
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/login');
    expect((await signInForm(t, { username: 'ann', password: 'ann-password-123' })).status).toBe(401);
    const admin = (await (await t.request('/v1/users', { token: ADMIN })).json() as { id: string; username: string }[]).find((u) => u.username === 'admin')!;
    const last = await t.request(`/v1/users/${admin.id}`, { method: 'PATCH', token: ADMIN, json: { disabled: true } });
    expect(last.status).toBe(409);
  });

  it('creates API tokens shown once and kept as hashes, which work until revoked', async () => {
    const created = await t.request('/v1/tokens', { token: ADMIN, json: { label: 'SIEM <pull>', role: 'security' } });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect((await t.request('/v1/alerts', { token })).status).toBe(200);
    expect((await t.request('/v1/users', { token })).status).toBe(403);
    const listed = await (await t.request('/v1/tokens', { token: ADMIN })).text();
    expect(listed).not.toContain(token);
    expect(listed).toContain(id);
    const session = await signIn(t, { token });
    expect((await session.request('/alerts')).status).toBe(200);
    expect((await t.request(`/v1/tokens/${id}`, { method: 'DELETE', token: ADMIN })).status).toBe(204);
    expect((await t.request('/v1/alerts', { token })).status).toBe(401);
    expect((await session.request('/alerts')).status).toBe(302);
  });

  it('rejects bad account input with a message naming the field', async () => {
    const short = await t.request('/v1/users', { token: ADMIN, json: { username: 'bob', role: 'hr', password: 'short' } });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('password') } });
    await createUser(t, ADMIN, 'bob', 'hr');
    expect((await t.request('/v1/users', { token: ADMIN, json: { username: 'BOB', role: 'hr', password: 'another-password' } })).status).toBe(409);
  });
});

describe('first start', () => {
  it('writes the first admin password with mode 0600', async () => {
    const t = await testApp();
    try {
      const file = path.join(t.dir, 'admin-password');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect((await signInForm(t, { username: 'admin', password })).status).toBe(303);
    } finally {
      await t.close();
    }
  });
});
