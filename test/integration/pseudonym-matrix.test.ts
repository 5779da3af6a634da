import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym, pseudonymId } from '../../server/people/pseudonyms';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';

/**
 * Every route the app serves, asked by security and by HR with real data behind it: no answer carries
 * an employee's address unless the asker revealed it with a reason. Routes are read from the app, so a
 * route added later is covered without touching this file.
 */
const CAROL = 'carol.leaver@acme.example';
const DAVE = 'dave.stayer@acme.example';
const AT = '2026-11-02T08:00:00Z';

describe('pseudonyms hold on every route for security and HR', () => {
  let t: TestApp;
  let key: string;
  let alertId: string;
  const tokens: Record<'security' | 'hr', string> = { security: '', hr: '' };
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await testApp(new Date('2026-11-02T10:00:00Z'));
    key = await t.app.services.pseudonymKey();
    for (const who of [CAROL, DAVE]) {
      const device = await t.enroll(who);
      const contacts = fingerprints(40);
      const events = [make.export(who, AT, { fingerprints: contacts }), make.upload(who, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 40 })];
      expect((await t.request('/v1/events', { token: device, json: { events } })).status).toBe(200);
    }
    await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: CAROL, kind: 'resignation_notice', effectiveDate: '2026-11-01' } });
    await t.settle();
    for (const role of ['security', 'hr'] as const) {
      const response = await t.request('/v1/tokens', { token: ADMIN, json: { label: `pseudonyms ${role}`, role } });
      tokens[role] = ((await response.json()) as { token: string }).token;
    }
    const alerts = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as { id: string; employee: string }[];
    alertId = alerts.find((a) => a.employee === CAROL)!.id;
    const seen = new Set<string>();
    routes = t.app.routes.filter((r) => r.method !== 'ALL' && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  }, 60_000);
  afterAll(async () => { await t.close(); });

  /** A path with real people and alerts in it, so a route has something to leak. */
  const concrete = (path: string) => path.replace(/:(\w+)(\{([^}]*)\})?/g, (_, name: string, _re, choices?: string) =>
    choices ? choices.split('|')[0]! : name === 'email' || name === 'pid' ? pseudonymId(key, CAROL) : alertId);

  it('answers no route, page, export or error with an address (and the admin does see them)', async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      for (const role of ['security', 'hr'] as const) {
        for (const query of ['', `?employee=${pseudonymId(key, CAROL)}`]) {
          const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}';
          const response = await t.app.request(`http://localhost${concrete(route.path)}${query}`, {
            method: route.method,
            headers: { authorization: `Bearer ${tokens[role]}`, ...(body ? { 'content-type': 'application/json', origin: 'http://localhost' } : {}) },
            body,
          });
          const text = await response.text();
          for (const email of [CAROL, DAVE]) if (text.toLowerCase().includes(email)) leaks.push(`${route.method} ${route.path}${query} as ${role} (${response.status}) names ${email}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    const asAdmin = await (await t.request('/v1/employees', { token: ADMIN })).text();
    expect(asAdmin).toContain(CAROL);
  }, 120_000);

  it('filters by pseudonym, and treats a filter by address as a reveal that needs a reason and is audited', async () => {
    const byPseudonym = (await (await t.request(`/v1/alerts?employee=${pseudonymId(key, CAROL)}`, { token: tokens.security })).json()) as { employee: string }[];
    expect(byPseudonym.length).toBeGreaterThan(0);
    expect(byPseudonym.every((a) => a.employee === pseudonym(key, CAROL))).toBe(true);

    for (const path of [`/v1/alerts?employee=${CAROL}`, `/v1/events?employee=${CAROL}`, `/v1/devices?employee=${CAROL}`, `/v1/employees/${CAROL}`]) {
      const refused = await t.request(path, { token: tokens.security });
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'reveal_required' } });
    }
    const page = await (await t.request(`/alerts?employee=${CAROL}`, { token: tokens.security })).text();
    expect(page).toContain('Filter ignored');
    expect(page).not.toContain(CAROL);

    const reason = encodeURIComponent('case 42: manager reported a contact list sent home');
    const found = (await (await t.request(`/v1/alerts?employee=${CAROL}&reason=${reason}`, { token: tokens.security })).json()) as { employee: string }[];
    expect(found.length).toBe(byPseudonym.length);
    // The reveal of the API's detail route shows the name, for that answer only.
    const detail = await t.request(`/v1/employees/${CAROL}?reason=${reason}`, { token: tokens.hr });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { employee: string }).employee).toBe(CAROL);
    expect(((await (await t.request(`/v1/employees/${pseudonymId(key, CAROL)}`, { token: tokens.hr })).json()) as { employee: string }).employee).toBe(pseudonym(key, CAROL));

    const audit = (await (await t.request('/v1/audit?limit=1000', { token: ADMIN })).json()) as { action: string; target: string; details: { reason?: string } }[];
    const lookups = audit.filter((r) => r.action === 'employee.lookup');
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(lookups.every((r) => r.target === pseudonym(key, CAROL) && r.details.reason?.startsWith('case 42'))).toBe(true);
  });

  it('audits a list read by these roles once per request, never an address in the log', async () => {
    const before = (await (await t.request('/v1/audit/verify', { token: ADMIN })).json()) as { records: number };
    expect((await t.request('/v1/employees', { token: tokens.hr })).status).toBe(200);
    const records = (await (await t.request('/v1/audit?limit=5', { token: ADMIN })).json()) as { seq: number; action: string; target: string; details: { people?: number } }[];
    const after = records.filter((r) => r.seq > before.records);
    expect(after.map((r) => r.action)).toEqual(['people.read']);
    expect(after[0]).toMatchObject({ target: '/v1/employees', details: { people: 2 } });

    const log = await (await t.request('/v1/audit?limit=1000', { token: ADMIN })).text();
    expect(log).not.toContain(CAROL);
    expect(log).not.toContain(DAVE);
  });
});
