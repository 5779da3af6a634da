import { Hono, type Context } from 'hono';
import { bearer } from '../auth/auth';
import { sameSecret } from '../auth/secrets';
import { ApiError } from '../http/errors';
import { applyPatch, type PatchOperation } from '../provisioning/scim-patch';
import { applyProvisioning } from '../provisioning/provisioning-effects';
import { resourceTypes, schemas, serviceProviderConfig } from '../provisioning/scim-discovery';
import { listResponse, parseUserNameFilter, SCIM_CONTENT_TYPE, ScimError, scimErrorBody } from '../provisioning/scim-protocol';
import { newRecord, recordOf, served, storableUser } from '../provisioning/scim-users';
import type { AppEnv } from '../env';

const MAX_PAGE = 200;

function baseUrl(c: Context<AppEnv>) {
  return c.var.services.identity.publicUrl ?? new URL(c.req.url).origin;
}

function scim(c: Context<AppEnv>, body: unknown, status: 200 | 201 = 200) {
  return c.body(JSON.stringify(body), status, { 'content-type': SCIM_CONTENT_TYPE });
}

async function readBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ScimError(400, 'the body is not JSON', 'invalidSyntax');
  }
}

/** Every error under /scim/v2 in SCIM's format (RFC 7644 §3.12), whatever raised it. */
export function scimErrorResponse(c: Context<AppEnv>, error: unknown) {
  const [status, detail, scimType] = error instanceof ScimError ? [error.status, error.message, error.scimType]
    : error instanceof ApiError ? [error.status, error.message, error.status === 400 ? 'invalidValue' as const : undefined]
    : [500, 'the server failed to handle this request; it has been logged', undefined];
  if (status === 500) console.error('SCIM request failed', c.req.method, c.req.path, error);
  if (status === 401) c.header('www-authenticate', 'Bearer realm="crm-guard SCIM"');
  return c.body(JSON.stringify(scimErrorBody(status, detail, scimType)), status as 400, { 'content-type': SCIM_CONTENT_TYPE });
}

/** SCIM 2.0 provisioning of people from the company's identity provider, with `Authorization: Bearer <CRMGUARD_SCIM_TOKEN>`. */
export const scimRoutes = new Hono<AppEnv>()
  .use('/scim/v2/*', async (c, next) => {
    const expected = c.var.services.identity.scimToken;
    if (!expected) throw new ScimError(401, 'SCIM provisioning is not configured on this server (CRMGUARD_SCIM_TOKEN)');
    const token = bearer(c.req.header('authorization'));
    if (!token || !sameSecret(token, expected)) throw new ScimError(401, 'a valid SCIM bearer token is required');
    await next();
  })
  .get('/scim/v2/ServiceProviderConfig', (c) => scim(c, serviceProviderConfig(baseUrl(c))))
  .get('/scim/v2/ResourceTypes', (c) => scim(c, listResponse(resourceTypes(baseUrl(c)), 1, 1)))
  .get('/scim/v2/Schemas', (c) => { const all = schemas(baseUrl(c)); return scim(c, listResponse(all, all.length, 1)); })
  // Each discovery document's meta.location (RFC 7644 §4): one schema or resource type by its id.
  .get('/scim/v2/Schemas/:id', (c) => {
    const found = schemas(baseUrl(c)).find((s) => s.id.toLowerCase() === c.req.param('id').toLowerCase());
    if (!found) throw new ScimError(404, `no Schema ${c.req.param('id').slice(0, 200)}`);
    return scim(c, found);
  })
  .get('/scim/v2/ResourceTypes/:id', (c) => {
    const found = resourceTypes(baseUrl(c)).find((r) => r.id === c.req.param('id'));
    if (!found) throw new ScimError(404, `no ResourceType ${c.req.param('id').slice(0, 200)}`);
    return scim(c, found);
  })
  .get('/scim/v2/Users', async (c) => {
    const filter = c.req.query('filter');
    const startIndex = Math.max(1, Number.parseInt(c.req.query('startIndex') ?? '1', 10) || 1);
    const count = Math.min(MAX_PAGE, Math.max(0, Number.parseInt(c.req.query('count') ?? String(MAX_PAGE), 10) || 0));
    const userName = filter === undefined ? undefined : parseUserNameFilter(filter);
    const { total, users } = await c.var.services.store.listScimUsers({ userName, offset: startIndex - 1, limit: count });
    return scim(c, listResponse(users.map((u) => served(u, baseUrl(c))), total, startIndex));
  })
  .get('/scim/v2/Users/:id', async (c) => {
    const user = await c.var.services.store.scimUser(c.req.param('id'));
    if (!user) throw new ScimError(404, `no User ${c.req.param('id')}`);
    return scim(c, served(user, baseUrl(c)));
  })
  .post('/scim/v2/Users', async (c) => {
    const { store, now } = c.var.services;
    const created = newRecord(storableUser(await readBody(c)), now().toISOString());
    if (!(await store.saveScimUser(created))) throw new ScimError(409, `a User with userName ${created.userName} exists`, 'uniqueness');
    await applyProvisioning(c.var.services, undefined, created);
    return scim(c, served(created, baseUrl(c)), 201);
  })
  .put('/scim/v2/Users/:id', async (c) => {
    const { store, now } = c.var.services;
    const before = await store.scimUser(c.req.param('id'));
    if (!before) throw new ScimError(404, `no User ${c.req.param('id')}`);
    const after = recordOf(before.id, storableUser(await readBody(c)), before.createdAt, now().toISOString());
    if (!(await store.saveScimUser(after))) throw new ScimError(409, `a User with userName ${after.userName} exists`, 'uniqueness');
    await applyProvisioning(c.var.services, before, after);
    return scim(c, served(after, baseUrl(c)));
  })
  .patch('/scim/v2/Users/:id', async (c) => {
    const { store, now } = c.var.services;
    const before = await store.scimUser(c.req.param('id'));
    if (!before) throw new ScimError(404, `no User ${c.req.param('id')}`);
    const body = (await readBody(c)) as { Operations?: PatchOperation[] };
    if (!Array.isArray(body?.Operations) || body.Operations.length === 0) throw new ScimError(400, 'a PatchOp needs Operations', 'invalidSyntax');
    const after = recordOf(before.id, storableUser(applyPatch(before.resource, body.Operations), before.resource), before.createdAt, now().toISOString());
    if (!(await store.saveScimUser(after))) throw new ScimError(409, `a User with userName ${after.userName} exists`, 'uniqueness');
    await applyProvisioning(c.var.services, before, after);
    return scim(c, served(after, baseUrl(c)));
  })
  .delete('/scim/v2/Users/:id', async (c) => {
    const { store } = c.var.services;
    const before = await store.scimUser(c.req.param('id'));
    if (!before || !(await store.deleteScimUser(before.id))) throw new ScimError(404, `no User ${c.req.param('id')}`);
    await applyProvisioning(c.var.services, before, undefined);
    return c.body(null, 204);
  });
