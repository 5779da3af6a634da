import { createMiddleware } from 'hono/factory';
import { assertNotForged, csrfTokenFor, personOf } from './auth';
import type { AppEnv } from '../env';
import type { Role } from '../store/store';
import { ForbiddenPage } from '../views/layout';

/**
 * Console pages: like `requireRole`, but a person who is not signed in is sent to the sign-in page and
 * a wrong role gets a page saying so, instead of a JSON error.
 */
export function requirePage(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const person = await personOf(c);
    if (!person) return c.redirect('/login', c.req.method === 'GET' ? 302 : 303);
    const viewer = { role: person.role, subject: person.subject, csrf: person.via === 'session' ? csrfTokenFor(person.sessionId) : '' };
    if (!roles.includes(person.role)) return c.html(<ForbiddenPage viewer={viewer} roles={roles} />, 403);
    if (person.via === 'session' && c.req.method !== 'GET' && c.req.method !== 'HEAD') await assertNotForged(c, viewer.csrf);
    c.set('person', viewer);
    await next();
  });
}
