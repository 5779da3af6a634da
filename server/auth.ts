import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { ApiError } from './errors';
import { hashToken } from './secrets';
import type { AppEnv } from './env';
import type { Role } from './store/store';

export const SESSION_COOKIE = 'crmguard_session';

function bearer(header: string | undefined): string | undefined {
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

/** A person (API token or signed-in session) holding one of `roles`. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const person = await identifyPerson(c.var.services, c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (!person) throw new ApiError(401, 'unauthenticated', 'sign in, or send Authorization: Bearer <api token>');
    if (!roles.includes(person.role)) throw new ApiError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    c.set('person', person);
    await next();
  });
}

export async function identifyPerson(services: AppEnv['Variables']['services'], authorization: string | undefined, sessionId: string | undefined) {
  const token = bearer(authorization);
  if (token) {
    const role = await services.store.roleForApiToken(hashToken(token));
    return role ? { role, subject: `token:${hashToken(token).slice(0, 8)}` } : undefined;
  }
  if (sessionId) return services.store.sessionByIdHash(hashToken(sessionId), services.now().toISOString());
  return undefined;
}
