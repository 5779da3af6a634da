import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { ApiError } from './errors';
import { hashToken } from './secrets';
import type { AppEnv } from './env';
import type { Role } from './store/store';

export const SESSION_COOKIE = 'crmguard_session';

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
    const person = await identifyPerson(c.var.services, c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (!person) throw new ApiError(401, 'unauthenticated', 'sign in, or send Authorization: Bearer <api token>');
    if (!roles.includes(person.role)) throw new ApiError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    // A cookie rides along on cross-site requests; a bearer token does not, so only sessions need the check.
    if (person.via === 'session' && !SAFE_METHODS.has(c.req.method)) assertSameOrigin(c.req.header('origin'), c.req.url);
    c.set('person', { role: person.role, subject: person.subject });
    await next();
  });
}

export async function identifyPerson(services: AppEnv['Variables']['services'], authorization: string | undefined, sessionId: string | undefined) {
  const token = bearer(authorization);
  if (token) {
    const role = await services.store.roleForApiToken(hashToken(token));
    return role ? { role, subject: `token:${hashToken(token).slice(0, 8)}`, via: 'token' as const } : undefined;
  }
  if (!sessionId) return undefined;
  const session = await services.store.sessionByIdHash(hashToken(sessionId), services.now().toISOString());
  return session && { ...session, via: 'session' as const };
}

/** State-changing requests carried by a session cookie must come from our own pages (SameSite alone trusts sibling subdomains). */
export function assertSameOrigin(origin: string | undefined, url: string) {
  if (origin !== new URL(url).origin) throw new ApiError(403, 'cross_origin', 'cross-site requests with a session cookie are refused');
}
