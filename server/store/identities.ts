import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** How a device's employee was established. */
export interface DeviceIdentity {
  deviceId: string;
  /** `oidc`: a verified ID token; `enrollment_token`: only the shared secret, the e-mail as the extension said. */
  method: 'oidc' | 'enrollment_token';
  /** The ID token's `iss` and `sub` (OIDC only). */
  issuer: string | null;
  subject: string | null;
  email: string;
  verifiedAt: string;
  /** SHA-256 of the ID token used (OIDC only); unique. */
  tokenHash?: string | null;
}

/** A person provisioned over SCIM: the stored resource (without `meta`, which is derived) and its keys. */
export interface ScimUserRecord {
  id: string;
  /** Lower-cased, unique: `userName eq` is case-insensitive (RFC 7643 §4.1.1, caseExact false). */
  userName: string;
  externalId: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** False when the ID token (its hash) already enrolled a device: nothing is written then. */
export async function recordDeviceIdentity(db: Db, identity: DeviceIdentity): Promise<boolean> {
  const written = await db.insertInto('device_identities').values({
    device_id: identity.deviceId, method: identity.method, issuer: identity.issuer, subject: identity.subject,
    email: identity.email, verified_at: identity.verifiedAt, token_hash: identity.tokenHash ?? null,
  }).onConflict((oc) => oc.doNothing()).returning('device_id').execute();
  return written.length > 0;
}

/** The identities of devices, by device id; devices enrolled before migration 0010 have none. */
export async function deviceIdentities(db: Db, deviceIds: readonly string[]): Promise<Map<string, DeviceIdentity>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await db.selectFrom('device_identities').selectAll().where('device_id', 'in', [...deviceIds]).execute();
  return new Map(rows.map((r) => [r.device_id, {
    deviceId: r.device_id, method: r.method as DeviceIdentity['method'], issuer: r.issuer, subject: r.subject, email: r.email, verifiedAt: r.verified_at, tokenHash: r.token_hash,
  }]));
}

/** Ends every console session of one person (`oidc:alice@example.com`); returns how many there were. */
export async function deleteSessionsOf(db: Db, subject: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('subject', '=', subject).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function scimUser(db: Db, id: string): Promise<ScimUserRecord | undefined> {
  const row = await db.selectFrom('scim_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** One page of provisioned users, oldest first; `userName` filters to that one (case-insensitively). */
export async function listScimUsers(db: Db, query: { userName?: string; offset: number; limit: number }): Promise<{ total: number; users: ScimUserRecord[] }> {
  let base = db.selectFrom('scim_users');
  if (query.userName !== undefined) base = base.where('user_name', '=', query.userName.toLowerCase());
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = query.limit === 0 ? [] : await base.selectAll().orderBy('created_at').orderBy('id').offset(query.offset).limit(query.limit).execute();
  return { total: Number(total), users: rows.map(toRecord) };
}

/** Inserts or replaces; false when another user already has that userName. */
export async function saveScimUser(db: Db, user: ScimUserRecord): Promise<boolean> {
  const taken = await db.selectFrom('scim_users').select('id').where('user_name', '=', user.userName).where('id', '!=', user.id).executeTakeFirst();
  if (taken) return false;
  const values = {
    id: user.id, user_name: user.userName, external_id: user.externalId, active: user.active ? 1 : 0,
    resource: JSON.stringify(user.resource), created_at: user.createdAt, updated_at: user.updatedAt,
  };
  await db.insertInto('scim_users').values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet({ user_name: values.user_name, external_id: values.external_id, active: values.active, resource: values.resource, updated_at: values.updated_at }))
    .execute();
  return true;
}

export async function deleteScimUser(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('scim_users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toRecord(r: Database['scim_users']): ScimUserRecord {
  return {
    id: r.id, userName: r.user_name, externalId: r.external_id, active: Number(r.active) === 1,
    resource: JSON.parse(r.resource) as Record<string, unknown>, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
