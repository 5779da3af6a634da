import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { assertSameOrigin, identifyPerson, SESSION_COOKIE } from '../auth';
import { ApiError } from '../errors';
import { hashToken, newSecret } from '../secrets';
import { DashboardPage } from '../views/dashboard';
import { LoginPage } from '../views/login';
import type { AppEnv } from '../env';

const SESSION_HOURS = 12;

export const consoleRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const person = await identifyPerson(c.var.services, c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (!person) return c.redirect('/login');
    const { store } = c.var.services;
    const canSeeAlerts = person.role === 'admin' || person.role === 'security';
    const [risks, alerts] = await Promise.all([
      person.role === 'auditor' ? [] : store.listRisks(),
      canSeeAlerts ? store.listAlerts({ status: 'open' }) : [],
    ]);
    return c.html(<DashboardPage role={person.role} risks={risks} alerts={alerts} />);
  })
  .get('/login', (c) => c.html(<LoginPage />))
  .post('/login', async (c) => {
    assertSameOrigin(c.req.header('origin'), c.req.url);
    // A malformed multipart or urlencoded body is the sender's fault, not a 500.
    const form = await c.req.parseBody().catch((error: unknown) => {
      throw new ApiError(400, 'invalid_input', `the form body could not be read: ${error instanceof Error ? error.message : String(error)}`);
    });
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const { store, now } = c.var.services;
    const role = token ? await store.roleForApiToken(hashToken(token)) : undefined;
    if (!role) return c.html(<LoginPage error="That token is not valid." />, 401);
    const sessionId = newSecret();
    const expires = new Date(now().getTime() + SESSION_HOURS * 3_600_000);
    await store.createSession(hashToken(sessionId), role, `token:${hashToken(token).slice(0, 8)}`, expires.toISOString());
    setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'Strict', path: '/', expires, secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect('/', 303);
  })
  .post('/logout', async (c) => {
    assertSameOrigin(c.req.header('origin'), c.req.url);
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId) await c.var.services.store.deleteSession(hashToken(sessionId));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
