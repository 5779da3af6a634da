import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../server/app';
import { ADMIN, testApp, type TestApp } from './harness';
import { ROUTE_ACCESS, type Principal } from './route-access';

/** A concrete path for a route pattern: `:email` a pseudonym (an address from security or HR would need a reveal's reason), `:id` a UUID, `:x{a|b}` its first choice. */
function concrete(path: string): string {
  return path.replace(/:(\w+)(\{([^}]*)\})?/g, (_, name: string, _re, choices?: string) =>
    choices ? choices.split('|')[0]! : name === 'email' ? '0000-0000-0000' : '00000000-0000-4000-8000-000000000000');
}

const PRINCIPALS: Principal[] = ['anonymous', 'device', 'admin', 'security', 'hr', 'auditor'];

describe('role matrix: every route × every role × anonymous × device token', () => {
  let t: TestApp;
  const tokens: Partial<Record<Principal, string>> = {};
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await testApp();
    tokens.device = await t.enroll('device.owner@acme.example');
    tokens.admin = ADMIN;
    for (const role of ['security', 'hr', 'auditor'] as const) {
      const response = await t.request('/v1/tokens', { token: ADMIN, json: { label: `matrix ${role}`, role } });
      tokens[role] = ((await response.json()) as { token: string }).token;
    }
    const seen = new Set<string>();
    routes = t.app.routes.filter((r) => r.method !== 'ALL').filter((r) => {
      const key = `${r.method} ${r.path}`;
      return !seen.has(key) && seen.add(key);
    }).map((r) => ({ method: r.method, path: r.path }));
  });
  afterAll(async () => { await t.close(); });

  it('has an expected-access row for every route the app serves, and no row for a route it does not', () => {
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(served.filter((key) => !(key in ROUTE_ACCESS)), 'routes missing from test/integration/route-access.ts').toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !served.includes(key)), 'rows for routes that no longer exist').toEqual([]);
  });

  it('lets exactly the expected principals through, with the security headers on every answer', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = ROUTE_ACCESS[`${route.method} ${route.path}`];
      if (!access) continue;
      for (const who of PRINCIPALS) {
        const allowed = access.public || (who === 'device' ? access.device : who !== 'anonymous' && access.roles?.includes(who));
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}';
        const response = await t.app.request(`http://localhost${concrete(route.path)}`, {
          method: route.method,
          headers: { ...(tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body ? { 'content-type': 'application/json', origin: 'http://localhost' } : {}) },
          body,
        });
        const refused = response.status === 401 || response.status === 403
          || ((response.status === 302 || response.status === 303) && response.headers.get('location') === '/login');
        if (Boolean(allowed) === refused) failures.push(`${route.method} ${route.path} as ${who}: ${response.status}, expected ${allowed ? 'access' : 'refusal'}`);
        if (response.headers.get('content-security-policy') !== CSP_HEADER) failures.push(`${route.method} ${route.path} as ${who}: CSP missing`);
        if (response.headers.get('x-content-type-options') !== 'nosniff' || response.headers.get('referrer-policy') !== 'no-referrer' || response.headers.get('x-frame-options') !== 'DENY') {
          failures.push(`${route.method} ${route.path} as ${who}: security headers missing`);
        }
        if (allowed && response.headers.get('content-type')?.startsWith('text/html')) {
          const html = await response.text();
          if (/<style|\sstyle=|<script(?![^>]*\ssrc=)/i.test(html)) failures.push(`${route.method} ${route.path}: inline style or script, which the CSP blocks`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('sends the headers on errors and unknown routes too', async () => {
    const missing = await t.app.request('http://localhost/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CSP_HEADER);
  });
});
