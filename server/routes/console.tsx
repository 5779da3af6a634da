import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { assertNotForged, SESSION_COOKIE } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { hashToken, newSecret } from '../auth/secrets';
import { clientAddress, signIn, startSession } from '../auth/sign-in';
import { DashboardPage, OVERVIEW_ROWS } from '../views/dashboard';
import { LoginPage } from '../views/login';
import type { AppEnv } from '../env';
import type { Context } from 'hono';
import { readForm } from '../http/read-form';
import { isHttpsRequest } from '../http/forwarded';
import { localSignInEnabled, signInSettings } from '../identity/local-sign-in';

/** Before sign-in there is no session: the login form's CSRF token comes from a cookie of its own. */
const LOGIN_COOKIE = 'crmguard_login';

function loginCsrf(c: Context<AppEnv>): string {
  let value = getCookie(c, LOGIN_COOKIE);
  if (!value) {
    value = newSecret();
    setCookie(c, LOGIN_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path: '/login', secure: isHttpsRequest(c) });
  }
  return hashToken(`login\n${value}`);
}

/** The identity provider first when there is one; local accounts unless an admin switched them off. */
function signInChoices(c: Context<AppEnv>) {
  return signInSettings(c.var.services);
}

export const consoleRoutes = new Hono<AppEnv>()
  .get('/', requirePage('admin', 'security', 'hr', 'auditor'), async (c) => {
    const viewer = c.var.person;
    const { store } = c.var.services;
    const canSeeAlerts = viewer.role === 'admin' || viewer.role === 'security';
    const seesPeople = viewer.role !== 'auditor';
    // The most urgent of each, and how many there are: the database counts, the page shows a screenful.
    const [levels, risks, alerts, statusCounts] = await Promise.all([
      seesPeople ? store.consoleReads.riskLevelCounts() : undefined,
      seesPeople ? store.consoleReads.topRisks(OVERVIEW_ROWS) : [],
      canSeeAlerts ? store.listAlerts({ status: 'open', sort: 'severity', limit: OVERVIEW_ROWS }) : [],
      canSeeAlerts ? store.alertStatusCounts() : ({} as Record<string, number>),
    ]);
    const employees = levels ? Object.values(levels).reduce((a, b) => a + b, 0) : 0;
    return c.html(<DashboardPage viewer={viewer} risks={risks} employees={employees} alerts={alerts} openAlerts={statusCounts.open ?? 0} pseudonymKey={await c.var.services.pseudonymKey()} />);
  })
  .get('/login', async (c) => c.html(<LoginPage csrf={loginCsrf(c)} {...await signInChoices(c)} info={c.req.query('signed-out') !== undefined ? 'You are signed out.' : undefined} />))
  .post('/login', async (c) => {
    const sent = getCookie(c, LOGIN_COOKIE);
    try {
      await assertNotForged(c, sent ? hashToken(`login\n${sent}`) : 'no sign-in form was served to this browser');
    } catch {
      return c.html(<LoginPage csrf={loginCsrf(c)} {...await signInChoices(c)} error="This sign-in form is stale or came from another site. Try again." />, 403);
    }
    const form = await readForm(c);
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const token = field('token');
    const username = field('username');
    const password = typeof form.password === 'string' ? form.password : '';
    if (!token && !(username && password)) {
      return c.html(<LoginPage csrf={loginCsrf(c)} {...await signInChoices(c)} username={username} error="Enter a username and password, or an API token." />, 400);
    }
    if (!token && !(await localSignInEnabled(c.var.services))) {
      return c.html(<LoginPage csrf={loginCsrf(c)} {...await signInChoices(c)} error="Local accounts are switched off here: sign in with your company account." />, 403);
    }
    const result = await signIn(c.var.services, token ? { token } : { username, password }, clientAddress(c));
    if (!result.ok) {
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
      return c.html(<LoginPage csrf={loginCsrf(c)} {...await signInChoices(c)} username={username} error={result.message} />, result.status);
    }
    await startSession(c, result);
    if (sent) deleteCookie(c, LOGIN_COOKIE, { path: '/login' });
    return c.redirect('/', 303);
  })
  .post('/logout', requirePage('admin', 'security', 'hr', 'auditor'), async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId) await c.var.services.store.deleteSession(hashToken(sessionId));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login?signed-out', 303);
  });
