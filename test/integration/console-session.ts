import type { TestApp } from './harness';

/** A browser's view of the console: a session cookie and the CSRF token its pages carry. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
  /** A request as that browser makes it: the cookie, no Origin (as under Referrer-Policy: no-referrer). */
  request(route: string, init?: { method?: string; form?: Record<string, string>; json?: unknown; csrf?: boolean }): Promise<Response>;
}

const BASE = 'http://localhost';

export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

function cookieOf(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`) && c !== `${name}=`);
}

/** Signs in through the login form the way Chromium does (form post, `Origin: null`, the form's token). */
export async function signInForm(t: TestApp, credentials: Record<string, string>): Promise<Response> {
  const page = await t.app.request(`${BASE}/login`);
  const loginCookie = cookieOf(page, 'crmguard_login')!;
  return t.app.request(`${BASE}/login`, {
    method: 'POST',
    headers: { cookie: loginCookie, origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfIn(await page.text()), ...credentials }).toString(),
  });
}

export async function signIn(t: TestApp, credentials: Record<string, string>): Promise<ConsoleSession> {
  const response = await signInForm(t, credentials);
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = cookieOf(response, 'crmguard_session')!;
  const home = await t.app.request(`${BASE}/`, { headers: { cookie } });
  const csrf = csrfIn(await home.text());
  return {
    cookie,
    csrf,
    request(route, init = {}) {
      const withToken = init.csrf ?? true;
      const headers: Record<string, string> = { cookie };
      let body: string | undefined;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ ...(withToken ? { _csrf: csrf } : {}), ...init.form }).toString();
      } else if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        if (withToken) headers['x-csrf-token'] = csrf;
        body = JSON.stringify(init.json);
      }
      return Promise.resolve(t.app.request(`${BASE}${route}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body }));
    },
  };
}

/** Creates an account through the API with the admin token. */
export async function createUser(t: TestApp, adminToken: string, username: string, role: string, password = `${username}-password-123`) {
  const response = await t.request('/v1/users', { token: adminToken, json: { username, role, password } });
  if (response.status !== 201) throw new Error(`user creation failed: ${response.status} ${await response.text()}`);
  return { ...((await response.json()) as { id: string }), password };
}
