import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';
import { createUser } from './console-session';
import { csrfIn } from './console-session';
import { NO_IDENTITY_PROVIDER, type IdentityConfig } from '../../server/identity/identity-config';

/** Sign-in hardening: throttling that slows a guesser without locking the owner out, and Secure cookies behind TLS. */
const START = new Date('2026-11-02T10:00:00Z');
const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.7';
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

async function app(identity: Partial<IdentityConfig> = {}) {
  t = await testApp(START, { identity: { ...NO_IDENTITY_PROVIDER, ...identity } });
  return t;
}

/** The login form posted from a given socket address, with optional headers (a proxy's). */
async function signInFrom(a: TestApp, address: string, credentials: Record<string, string>, headers: Record<string, string> = {}) {
  const env = { incoming: { socket: { remoteAddress: address } } };
  const page = await a.app.request('http://localhost/login', { headers }, env);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('crmguard_login='))!;
  return a.app.request('http://localhost/login', {
    method: 'POST',
    headers: { cookie, origin: 'null', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ _csrf: csrfIn(await page.text()), ...credentials }).toString(),
  }, env);
}

function advance(a: TestApp, now: { at: number }, ms: number) {
  now.at += ms;
  a.setNow(new Date(now.at));
}

describe('sign-in throttling', { timeout: 60_000 }, () => {
  it('slows the guessing address more with every failure, while the owner from their own address waits at most a minute', async () => {
    const a = await app();
    await createUser(a, ADMIN, 'harry', 'admin', 'harry-password-1');
    const clock = { at: START.getTime() };
    for (let i = 0; i < 3; i++) expect((await signInFrom(a, ATTACKER, { username: 'harry', password: `guess-${i}-xxxxxxx` })).status).toBe(401);
    // The fourth guess right away must wait a second; after it, two; the right password changes nothing for the guesser.
    const slowed = await signInFrom(a, ATTACKER, { username: 'harry', password: 'harry-password-1' });
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('1');
    let delay = 1000;
    for (let i = 3; i < 12; i++) {
      advance(a, clock, delay);
      expect((await signInFrom(a, ATTACKER, { username: 'harry', password: `guess-${i}-xxxxxxx` })).status).toBe(401);
      delay *= 2;
    }
    // Twelve failures: the guesser's address now waits 2^9 s; the owner's address, at most a minute.
    advance(a, clock, 61_000);
    expect((await signInFrom(a, ATTACKER, { username: 'harry', password: 'harry-password-1' })).status).toBe(429);
    expect((await signInFrom(a, OWNER, { username: 'harry', password: 'harry-password-1' })).status).toBe(303);
  });

  it('lets an admin unlock an account at once, from the very address that failed', async () => {
    const a = await app();
    const { id } = await createUser(a, ADMIN, 'ivy', 'hr', 'ivy-password-12');
    for (let i = 0; i < 4; i++) await signInFrom(a, OWNER, { username: 'ivy', password: `typo-${i}-xxxxxxxx` });
    expect((await signInFrom(a, OWNER, { username: 'ivy', password: 'ivy-password-12' })).status).toBe(429);
    expect((await a.request(`/v1/users/${id}/unlock`, { method: 'POST', token: ADMIN })).status).toBe(200);
    expect((await signInFrom(a, OWNER, { username: 'ivy', password: 'ivy-password-12' })).status).toBe(303);
    const audit = (await (await a.request('/v1/audit', { token: ADMIN })).json()) as { action: string }[];
    expect(audit.map((r) => r.action)).toContain('user.unlock');
  });

  it('counts clients behind a trusted proxy by the address it forwards, and ignores X-Forwarded-For from anyone else', async () => {
    const proxy = '10.0.0.5';
    const a = await app({ trustedProxies: [proxy] });
    await createUser(a, ADMIN, 'jo', 'auditor', 'jo-password-123');
    for (let i = 0; i < 3; i++) await signInFrom(a, proxy, { username: 'jo', password: `guess-${i}-xxxxxxx` }, { 'x-forwarded-for': ATTACKER });
    expect((await signInFrom(a, proxy, { username: 'jo', password: 'jo-password-123' }, { 'x-forwarded-for': ATTACKER })).status).toBe(429);
    // Another client of the same proxy is not the guesser.
    expect((await signInFrom(a, proxy, { username: 'jo', password: 'jo-password-123' }, { 'x-forwarded-for': OWNER })).status).toBe(303);
    // The guesser, reaching the server directly, cannot pretend to be someone else.
    expect((await signInFrom(a, ATTACKER, { username: 'jo', password: 'guess-x-xxxxxxx' }, { 'x-forwarded-for': OWNER })).status).toBe(401);
    for (let i = 0; i < 3; i++) await signInFrom(a, ATTACKER, { username: 'jo', password: `guess-${i}-yyyyyyy` }, { 'x-forwarded-for': OWNER });
    expect((await signInFrom(a, ATTACKER, { username: 'jo', password: 'jo-password-123' }, { 'x-forwarded-for': OWNER })).status).toBe(429);
  });
});

describe('Secure cookies behind TLS', { timeout: 30_000 }, () => {
  const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('crmguard_session='))!;

  it('marks the session Secure when the public URL is https', async () => {
    const a = await app({ publicUrl: 'https://crm-guard.acme.example' });
    expect(sessionCookie(await signInFrom(a, OWNER, { token: ADMIN }))).toMatch(/;\s*Secure/i);
  });

  it('marks it Secure when a trusted proxy says X-Forwarded-Proto: https, and not when anyone else says so', async () => {
    const a = await app({ trustedProxies: ['10.0.0.5'] });
    expect(sessionCookie(await signInFrom(a, '10.0.0.5', { token: ADMIN }, { 'x-forwarded-proto': 'https' }))).toMatch(/;\s*Secure/i);
    expect(sessionCookie(await signInFrom(a, OWNER, { token: ADMIN }, { 'x-forwarded-proto': 'https' }))).not.toMatch(/Secure/i);
    expect(sessionCookie(await signInFrom(a, '10.0.0.5', { token: ADMIN }))).not.toMatch(/Secure/i);
  });
});
