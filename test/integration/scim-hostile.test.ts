import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './harness';
import { NO_IDENTITY_PROVIDER } from '../../server/identity/identity-config';

const SCIM_TOKEN = 'scim-test-token-0123456789abcdefghijklmnop';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:crmguard:2.0:User';
const START = new Date('2026-12-01T09:30:00Z');
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

const scim = (a: TestApp, route: string, init: { method?: string; json?: unknown } = {}) => a.app.request(`http://localhost/scim/v2${route}`, {
  method: init.method ?? (init.json ? 'POST' : 'GET'),
  headers: { authorization: `Bearer ${SCIM_TOKEN}`, ...(init.json ? { 'content-type': 'application/scim+json' } : {}) },
  body: init.json ? JSON.stringify(init.json) : undefined,
});
const patch = (a: TestApp, id: string, Operations: unknown[]) => scim(a, `/Users/${id}`, { method: 'PATCH', json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations } });
const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], userName, active: true, emails: [{ primary: true, type: 'work', value: userName }], [ENTERPRISE]: { department: 'Sales' }, ...extra });

/** What an identity provider, or someone holding the SCIM token, may send that must neither block provisioning nor reach the process. */
describe('SCIM: stored values, cleared attributes and hostile paths', () => {
  it('still deactivates a user stored before the upgrade whose custom extension holds a non-ISO hire date', async () => {
    t = await testApp(START, { identity: { ...NO_IDENTITY_PROVIDER, scimToken: SCIM_TOKEN } });
    const at = START.toISOString();
    const id = crypto.randomUUID();
    // Stored by the previous release, which kept any extension as sent (Okta-style US date).
    await t.store.saveScimUser({ id, userName: 'ann@acme.example', externalId: null, active: true, resource: { ...user('ann@acme.example'), [CUSTOM]: { hireDate: '11/16/2026' } }, createdAt: at, updatedAt: at });
    const off = await patch(t, id, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(off.status).toBe(200);
    expect((await t.store.hrSignals('ann@acme.example')).map((s) => s.kind)).toContain('termination');
  });

  it('clears the directory hire date when the IdP removes it', async () => {
    t = await testApp(START, { identity: { ...NO_IDENTITY_PROVIDER, scimToken: SCIM_TOKEN } });
    const created = (await (await scim(t, '/Users', { json: user('bob@acme.example', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, CUSTOM], [CUSTOM]: { hireDate: '2026-11-30' } }) })).json()) as { id: string };
    expect((await t.store.directory()).get('bob@acme.example')?.hiredOn).toBe('2026-11-30');
    expect((await patch(t, created.id, [{ op: 'remove', path: `${CUSTOM}:hireDate` }])).status).toBe(200);
    const served = (await (await scim(t, `/Users/${created.id}`)).json()) as Record<string, any>;
    expect(served[CUSTOM]?.hireDate).toBeUndefined();
    expect((await t.store.directory()).get('bob@acme.example')?.hiredOn).toBeNull();
  });

  for (const path of ['urn:ietf:params:scim:schemas:extension:evil:2.0:User:__proto__.department', `${ENTERPRISE}:__proto__.department`, '__proto__.department']) {
    it(`does not let PATCH path ${path} write Object.prototype`, async () => {
      t = await testApp(START, { identity: { ...NO_IDENTITY_PROVIDER, scimToken: SCIM_TOKEN } });
      const created = (await (await scim(t, '/Users', { json: user('eve@acme.example') })).json()) as { id: string };
      try {
        const res = await patch(t, created.id, [{ op: 'add', path, value: 'Pwned' }]);
        const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, 'department');
        // Once polluted, every later SCIM body fails to parse ("the body is not JSON"): provisioning stops for the process.
        const next = await scim(t, '/Users', { json: user('zed@acme.example') });
        expect({ patch: res.status, polluted, nextCreate: next.status }).toEqual({ patch: 400, polluted: false, nextCreate: 201 });
      } finally {
        delete (Object.prototype as Record<string, unknown>).department;
      }
    });
  }
});
