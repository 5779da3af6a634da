import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE, tokenSubject } from './auth';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { hashToken, newSecret } from './secrets';
import type { AppEnv, Services } from '../env';
import type { Role } from '../store/store';
import { isHttpsRequest } from '../http/forwarded';

/** Failures counted over this window; the oldest falling out of it lets sign-in resume. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Guessing one account's password: five tries per window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Spraying many accounts from one address. */
export const MAX_FAILURES_PER_ADDRESS = 20;
const SESSION_HOURS = 12;

export type Credentials = { username: string; password: string } | { token: string };

export type SignInResult =
  | { ok: true; role: Role; subject: string; userId?: string }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

/**
 * Checks credentials with a limit on failures per account and per client address, counted in the
 * database so every server process sharing it enforces the same limit. A refused attempt (429) is
 * not checked at all, so it cannot confirm a guess.
 */
export async function signIn(services: Services, credentials: Credentials, address: string): Promise<SignInResult> {
  const { store, now } = services;
  const at = now();
  const since = new Date(at.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const accountKey = 'username' in credentials ? `user:${credentials.username.toLowerCase()}` : undefined;
  const addressKey = `ip:${address}`;
  const [forAccount, forAddress] = await Promise.all([
    accountKey ? store.countLoginFailures(accountKey, since) : 0,
    store.countLoginFailures(addressKey, since),
  ]);
  if (forAccount >= MAX_FAILURES_PER_ACCOUNT || forAddress >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, status: 429, message: 'Too many failed sign-ins. Wait 15 minutes and try again.', retryAfterSeconds: SIGN_IN_WINDOW_MS / 1000 };
  }
  const result = await check(services, credentials);
  if (result) {
    if (accountKey) await store.clearLoginFailures(accountKey, new Date(at.getTime() - 24 * 3_600_000).toISOString());
    return { ok: true, ...result };
  }
  await store.recordLoginFailure(accountKey ? [accountKey, addressKey] : [addressKey], at.toISOString());
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
 * The client's address as the socket reports it. Behind a reverse proxy every client shares the proxy's
 * address; X-Forwarded-For is not trusted because any client can send it.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.server?.incoming?.socket?.remoteAddress ?? 'unknown';
}
