import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';
import { NO_IDENTITY_PROVIDER } from '../../server/identity/identity-config';
import { hashToken } from '../../server/auth/secrets';

/** SCIM 2.0 as Microsoft Entra ID and Okta send it (request shapes from their provisioning guides). */
const SCIM_TOKEN = 'scim-test-token-0123456789abcdefghijklmnop';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const START = new Date('2026-12-01T09:30:00Z');
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

async function app(scimToken: string | null = SCIM_TOKEN) {
  t = await testApp(START, { identity: { ...NO_IDENTITY_PROVIDER, scimToken: scimToken ?? undefined } });
  return t;
}

function scim(a: TestApp, route: string, init: { method?: string; json?: unknown; token?: string | null } = {}) {
  const token = init.token === undefined ? SCIM_TOKEN : init.token;
  return a.app.request(`http://localhost/scim/v2${route}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.json ? { 'content-type': 'application/scim+json' } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
}

async function json(response: Response) {
  return (await response.json()) as Record<string, any>;
}

/** Entra ID's "Create User" request (learn.microsoft.com, "Develop and plan provisioning for a SCIM endpoint"). */
function entraUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: `ext-${userName}`,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
    ...extra,
  };
}

/** Okta's "Create User" request (developer.okta.com, SCIM 2.0 provisioning reference): note the password it sends. */
function oktaUser(userName: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
  };
}

describe('SCIM authentication', () => {
  it('refuses requests without the SCIM bearer, with another token, or when SCIM is off, in SCIM’s error format', async () => {
    const a = await app();
    for (const token of [null, 'wrong-token', ADMIN]) {
      const response = await scim(a, '/Users', { token });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
    expect((await scim(a, '/Users', { token: null, json: entraUser('mallory@acme.example') })).status).toBe(401);
    expect((await a.store.listScimUsers({ offset: 0, limit: 10 })).total).toBe(0);
    await a.close();
    t = undefined;
    const off = await app(null);
    expect((await scim(off, '/Users')).status).toBe(401);
  });

  it('serves the discovery documents', async () => {
    const a = await app();
    expect(await json(await scim(a, '/ServiceProviderConfig'))).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    expect((await json(await scim(a, '/ResourceTypes'))).Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users' });
    expect((await json(await scim(a, '/Schemas'))).Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([ENTERPRISE, 'urn:ietf:params:scim:schemas:extension:crmguard:2.0:User']));
    const own = await json(await scim(a, `/Schemas/${encodeURIComponent('urn:ietf:params:scim:schemas:extension:crmguard:2.0:User')}`));
    expect(own.attributes).toEqual([expect.objectContaining({ name: 'hireDate', type: 'dateTime' })]);
    // Every discovery document's meta.location answers; an unknown one is a SCIM 404.
    expect((await json(await scim(a, '/ResourceTypes/User'))).schemaExtensions).toHaveLength(2);
    const missing = await scim(a, '/Schemas/urn:nothing');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ status: '404' });
  });
});

describe('SCIM as Entra ID sends it', () => {
  it('takes a hire date from a custom extension, as Entra ID maps employeeHireDate into one, and refuses one that is no date', async () => {
    const a = await app();
    // Entra's attribute list extended with urn:ietf:params:scim:schemas:extension:<name>:<version>:User:<attribute>;
    // a DateTime goes out as ISO 8601.
    const CUSTOM = 'urn:ietf:params:scim:schemas:extension:crmguard:2.0:User';
    const created = await json(await scim(a, '/Users', { json: entraUser('new.rep@acme.example', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, CUSTOM], [ENTERPRISE]: { department: 'Sales' }, [CUSTOM]: { hireDate: '2026-11-16T00:00:00Z' } }) }));
    expect(created.schemas).toContain(CUSTOM);
    expect((await a.store.directory()).get('new.rep@acme.example')).toMatchObject({ department: 'Sales', hiredOn: '2026-11-16' });
    const patch = (Operations: unknown[]) => scim(a, `/Users/${created.id}`, { method: 'PATCH', json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations } });
    // Entra's PATCH names the attribute by its full path.
    expect((await patch([{ op: 'Replace', path: `${CUSTOM}:hireDate`, value: '2026-11-23T00:00:00Z' }])).status).toBe(200);
    expect((await a.store.directory()).get('new.rep@acme.example')?.hiredOn).toBe('2026-11-23');
    // Okta's path-less replace, its own extension and Entra's attribute name.
    const OKTA = 'urn:ietf:params:scim:schemas:extension:acme:1.0:User';
    expect((await patch([{ op: 'replace', value: { [`${CUSTOM}:hireDate`]: null, [OKTA]: { employeeHireDate: '2026-11-30' } } }])).status).toBe(200);
    expect((await a.store.directory()).get('new.rep@acme.example')?.hiredOn).toBe('2026-11-30');
    for (const value of ['next Monday', '2026-02-30', 20261130]) {
      const refused = await patch([{ op: 'Replace', path: `${OKTA}:employeeHireDate`, value }]);
      expect(refused.status).toBe(400);
      expect(await json(refused)).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining('employeeHireDate must be a date') });
    }
    expect((await a.store.directory()).get('new.rep@acme.example')?.hiredOn).toBe('2026-11-30');
  });

  it('creates, finds, updates and deactivates a user; the directory and HR signals follow', async () => {
    const a = await app();
    // Entra looks the user up before creating it.
    const none = await json(await scim(a, `/Users?filter=${encodeURIComponent('userName eq "ann@acme.example"')}`));
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
    const manager = await json(await scim(a, '/Users', { json: entraUser('boss@acme.example') }));
    const created = await scim(a, '/Users', { json: entraUser('Ann@Acme.example', { title: 'Account Executive', [ENTERPRISE]: { department: 'Sales' } }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain('application/scim+json');
    const ann = await json(created);
    expect(ann).toMatchObject({ userName: 'Ann@Acme.example', active: true, meta: { resourceType: 'User' } });
    const duplicate = await scim(a, '/Users', { json: entraUser('ann@acme.example') });
    expect(duplicate.status).toBe(409);
    expect(await json(duplicate)).toMatchObject({ scimType: 'uniqueness', status: '409' });
    const found = await json(await scim(a, `/Users?filter=${encodeURIComponent('userName eq "ann@acme.example"')}`));
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0].id).toBe(ann.id);

    // Entra's multi-valued update and its manager reference: [{ "$ref": null, "value": <manager's id> }].
    const patched = await scim(a, `/Users/${ann.id}`, { method: 'PATCH', json: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: null, value: manager.id }] },
      ],
    } });
    expect(patched.status).toBe(200);
    expect((await json(patched)).name.familyName).toBe('updatedFamilyName');
    expect((await a.store.directory()).get('ann@acme.example')).toEqual({ employee: 'ann@acme.example', department: 'Sales', jobTitle: 'Account Executive', manager: 'boss@acme.example', hiredOn: null });

    // She is signed in to the console through the IdP when she is disabled.
    await a.store.createSession(hashToken('ann-session'), 'hr', 'oidc:ann@acme.example', new Date(START.getTime() + 3_600_000).toISOString());
    a.setNow(new Date('2026-12-03T15:00:00Z'));
    const disabled = await scim(a, `/Users/${ann.id}`, { method: 'PATCH', json: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    } });
    expect((await json(disabled)).active).toBe(false);
    expect(await a.store.hrSignals('ann@acme.example')).toMatchObject([{ kind: 'termination', effectiveDate: '2026-12-03', source: 'scim' }]);
    expect(await a.store.sessionByIdHash(hashToken('ann-session'), START.toISOString())).toBeUndefined();
    // And reactivated: recorded, no second termination.
    await scim(a, `/Users/${ann.id}`, { method: 'PATCH', json: { Operations: [{ op: 'Replace', path: 'active', value: 'True' }] } });
    expect((await json(await scim(a, `/Users/${ann.id}`))).active).toBe(true);
    expect(await a.store.hrSignals('ann@acme.example')).toHaveLength(1);
    const audit = (await (await a.request('/v1/audit?limit=50', { token: ADMIN })).json()) as { action: string; actor: string }[];
    expect(audit.filter((r) => r.actor === 'scim').map((r) => r.action)).toEqual(expect.arrayContaining(['scim.user_created', 'scim.user_deactivated', 'scim.user_reactivated']));
  });

  it('answers unknown users, unsupported filters and malformed patches in SCIM’s format', async () => {
    const a = await app();
    const missing = await scim(a, '/Users/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ status: '404', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    const filter = await scim(a, `/Users?filter=${encodeURIComponent('displayName co "a"')}`);
    expect(filter.status).toBe(400);
    expect((await json(filter)).scimType).toBe('invalidFilter');
    const user = await json(await scim(a, '/Users', { json: entraUser('x@acme.example') }));
    const bad = await scim(a, `/Users/${user.id}`, { method: 'PATCH', json: { Operations: [{ op: 'Move', path: 'active', value: false }] } });
    expect(bad.status).toBe(400);
    expect((await scim(a, '/Users', { json: { schemas: [], active: true } })).status).toBe(400);
  });
});

describe('SCIM as Okta sends it', () => {
  it('creates without keeping the password, pages the filter, replaces, and deactivates with a path-less patch', async () => {
    const a = await app();
    const created = await json(await scim(a, '/Users', { json: oktaUser('test.user@okta.example') }));
    expect(created.password).toBeUndefined();
    expect(JSON.stringify(await a.store.scimUser(created.id))).not.toContain('1mz050nq');
    const page = await json(await scim(a, `/Users?filter=${encodeURIComponent('userName eq "test.user@okta.example"')}&startIndex=1&count=100`));
    expect(page).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    const replaced = await scim(a, `/Users/${created.id}`, { method: 'PUT', json: { ...oktaUser('test.user@okta.example'), id: created.id, title: 'SDR', [ENTERPRISE]: { department: 'Sales', manager: { value: 'lead@okta.example' } } } });
    expect(replaced.status).toBe(200);
    expect((await a.store.directory()).get('test.user@okta.example')).toMatchObject({ department: 'Sales', jobTitle: 'SDR', manager: 'lead@okta.example' });
    const deactivated = await scim(a, `/Users/${created.id}`, { method: 'PATCH', json: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }],
    } });
    expect((await json(deactivated)).active).toBe(false);
    expect(await a.store.hrSignals('test.user@okta.example')).toMatchObject([{ kind: 'termination', effectiveDate: '2026-12-01' }]);
    expect((await scim(a, `/Users/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await scim(a, `/Users/${created.id}`)).status).toBe(404);
  });
});
