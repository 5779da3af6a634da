import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE, tokenSubject } from './auth';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { hashToken, newSecret } from './secrets';
import type { AppEnv, Services } from '../env';
import type { Role } from '../store/store';
import { isHttpsRequest, requesterAddress } from '../http/forwarded';
import { failureKeys, signInWait, successKeys } from './sign-in-throttle';

const SESSION_HOURS = 12;

export type Credentials = { username: string; password: string } | { token: string };

export type SignInResult =
  | { ok: true; role: Role; subject: string; userId?: string }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

/**
 * Checks credentials, slowed by the failures recorded for the account and the address (sign-in-throttle.ts).
 * An attempt that must wait (429) is not checked at all, so it cannot confirm a guess, and is not counted.
 */
export async function signIn(services: Services, credentials: Credentials, address: string): Promise<SignInResult> {
  const { store, now } = services;
  const username = 'username' in credentials ? credentials.username.toLowerCase() : undefined;
  const wait = await signInWait(services, username, address);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return { ok: false, status: 429, message: `Too many failed sign-ins. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`, retryAfterSeconds: seconds };
  }
  const result = await check(services, credentials);
  if (result) {
    if (username) for (const key of successKeys(username, address)) await store.clearLoginFailures(key, new Date(now().getTime() + 1).toISOString());
    return { ok: true, ...result };
  }
  await store.recordLoginFailure(failureKeys(username, address), now().toISOString());
  return { ok: false, status: 401, message: 'token' in credentials ? 'That token is not valid.' : 'That username and password do not match an active account.' };
}

async function check(services: Services, credentials: Credentials) {
  if ('token' in credentials) {
    const role = await services.store.roleForApiToken(hashToken(credentials.token));
    return role && { role, subject: tokenSubject(credentials.token) };
  }
  const user = await services.store.userByName(credentials.username.toLowerCase());
  if (!user) {
    await burnPasswordCheck(credentials.password);
    return undefined;
  }
  const matches = await verifyPassword(credentials.password, user.passwordHash);
  if (!matches || user.disabledAt) return undefined;
  return { role: user.role, subject: `user:${user.username}`, userId: user.id };
}

/** Starts a session: only its hash is stored; the cookie is HttpOnly and SameSite=Strict. */
export async function startSession(c: Context<AppEnv>, person: { role: Role; subject: string; userId?: string }) {
  const sessionId = newSecret();
  const now = c.var.services.now();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await c.var.services.store.deleteExpiredSessions(now.toISOString());
  await c.var.services.store.createSession(hashToken(sessionId), person.role, person.subject, expires.toISOString(), person.userId);
  setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'Strict', path: '/', expires, secure: isHttpsRequest(c) });
}

/**
 * The client's address: the socket's, or behind a proxy listed in CRMGUARD_TRUSTED_PROXIES the address it
 * forwarded (X-Forwarded-For from anyone else is ignored: any client can send it).
 */
export function clientAddress(c: Context<AppEnv>): string {
  return requesterAddress(c);
}
