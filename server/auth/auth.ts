import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { ApiError } from '../http/errors';
import { hashToken } from './secrets';
import type { AppEnv } from '../env';
import type { Role } from '../store/store';
import { readForm } from '../http/read-form';

export const SESSION_COOKIE = 'crmguard_session';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** An enrolled extension: `Authorization: Bearer <deviceToken>`. */
export const deviceAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization'));
  if (!token) throw new ApiError(401, 'unauthenticated', 'a device token is required: Authorization: Bearer <deviceToken>');
  const device = await c.var.services.store.deviceByTokenHash(hashToken(token));
  if (!device) throw new ApiError(401, 'unauthenticated', 'unknown device token; enroll again');
  c.set('device', device);
  await next();
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A person (API token or signed-in session) holding one of `roles`. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const person = await personOf(c);
    if (!person) throw new ApiError(401, 'unauthenticated', 'sign in, or send Authorization: Bearer <api token>');
    if (!roles.includes(person.role)) throw new ApiError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    // A cookie rides along on cross-site requests; a bearer token does not, so only sessions need the check.
    if (person.via === 'session' && !SAFE_METHODS.has(c.req.method)) await assertNotForged(c, csrfTokenFor(person.sessionId));
    c.set('person', { role: person.role, subject: person.subject, csrf: person.via === 'session' ? csrfTokenFor(person.sessionId) : '' });
    await next();
  });
}

export type Person = NonNullable<Awaited<ReturnType<typeof identifyPerson>>>;

export function personOf(c: Context<AppEnv>) {
  return identifyPerson(c.var.services, c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
}

export async function identifyPerson(services: AppEnv['Variables']['services'], authorization: string | undefined, sessionId: string | undefined) {
  const token = bearer(authorization);
  if (token) {
    const role = await services.store.roleForApiToken(hashToken(token));
    return role ? { role, subject: tokenSubject(token), via: 'token' as const, sessionId: '' } : undefined;
  }
  if (!sessionId) return undefined;
  const session = await services.store.sessionByIdHash(hashToken(sessionId), services.now().toISOString());
  return session && { ...session, via: 'session' as const, sessionId };
}

export function tokenSubject(token: string) {
  return `token:${hashToken(token).slice(0, 8)}`;
}

/**
 * The CSRF token of a session, derived from its secret id: a page of ours embeds it in every form;
 * another site can neither read it nor the HttpOnly cookie it comes from. No storage needed, so any
 * server process sharing the database accepts it.
 */
export function csrfTokenFor(sessionId: string): string {
  return hashToken(`csrf\n${sessionId}`);
}

/**
 * A state-changing request must come from our own pages: a foreign Origin is refused outright; our own
 * Origin passes; otherwise (Chromium sends `Origin: null` on form posts under `Referrer-Policy:
 * no-referrer`) the request must carry the CSRF token, as a form field or the `X-CSRF-Token` header.
 */
export async function assertNotForged(c: Context<AppEnv>, expected: string) {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) {
    throw new ApiError(403, 'cross_origin', 'cross-site requests with a session cookie are refused');
  }
  if (origin === new URL(c.req.url).origin) return;
  let sent = c.req.header(CSRF_HEADER);
  if (!sent && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '')) {
    // `all`: Hono caches the first parse, and forms with repeated fields (bulk selections) need every value.
    const field = (await readForm(c))[CSRF_FIELD];
    sent = typeof field === 'string' ? field : undefined;
  }
  if (!sent || sent !== expected) throw new ApiError(403, 'cross_origin', 'this form is stale or did not come from crm-guard; reload the page and try again');
}
