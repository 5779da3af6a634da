import { randomUUID } from 'node:crypto';
import { CORE_USER, ENTERPRISE_USER, ScimError } from './scim-protocol';
import type { ScimUserRecord } from '../store/identities';

type Resource = Record<string, unknown>;

/** Never stored nor returned (RFC 7643 §4.1.1: password is writeOnly); the server assigns id and meta. */
const NOT_STORED = new Set(['password', 'id', 'meta']);

/** A User as sent (POST or PUT), checked and tidied: what `scim_users.resource` keeps. */
export function storableUser(body: unknown): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ScimError(400, 'the body must be a SCIM User object', 'invalidSyntax');
  const resource = Object.fromEntries(Object.entries(body as Resource).filter(([k]) => !NOT_STORED.has(k.toLowerCase())));
  const userName = resource.userName;
  if (typeof userName !== 'string' || userName.trim() === '' || userName.length > 320) throw new ScimError(400, 'userName is required (a string of at most 320 characters)', 'invalidValue');
  if (JSON.stringify(resource).includes('\\u0000')) throw new ScimError(400, 'the User must not contain the character U+0000', 'invalidValue');
  resource.active = activeOf(resource);
  const schemas = Array.isArray(resource.schemas) ? resource.schemas.map(String) : [];
  if (!schemas.includes(CORE_USER)) schemas.unshift(CORE_USER);
  if (resource[ENTERPRISE_USER] && !schemas.includes(ENTERPRISE_USER)) schemas.push(ENTERPRISE_USER);
  resource.schemas = schemas;
  return resource;
}

/** `active` defaults to true; Entra ID has sent it as "True"/"False". */
function activeOf(resource: Resource): boolean {
  const value = resource.active;
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, 'active must be a boolean', 'invalidValue');
}

export function newRecord(resource: Resource, now: string): ScimUserRecord {
  return recordOf(randomUUID(), resource, now, now);
}

export function recordOf(id: string, resource: Resource, createdAt: string, updatedAt: string): ScimUserRecord {
  return {
    id,
    userName: String(resource.userName).trim().toLowerCase(),
    externalId: typeof resource.externalId === 'string' ? resource.externalId : null,
    active: resource.active !== false,
    resource,
    createdAt,
    updatedAt,
  };
}

/** The resource as served: the stored attributes with `id` and `meta` (RFC 7643 §3.1). */
export function served(record: ScimUserRecord, baseUrl: string): Resource {
  return {
    ...record.resource,
    id: record.id,
    meta: {
      resourceType: 'User',
      created: record.createdAt,
      lastModified: record.updatedAt,
      location: `${baseUrl}/scim/v2/Users/${record.id}`,
      version: `W/"${Buffer.from(record.updatedAt).toString('base64url')}"`,
    },
  };
}

/** The e-mail the person is known by everywhere else: the primary (or work, or first) e-mail, else a userName that is one. */
export function employeeEmail(record: ScimUserRecord): string | undefined {
  const emails = Array.isArray(record.resource.emails) ? (record.resource.emails as Resource[]) : [];
  const chosen = emails.find((e) => e.primary === true || e.primary === 'True') ?? emails.find((e) => e.type === 'work') ?? emails[0];
  const candidate = typeof chosen?.value === 'string' ? chosen.value : record.userName;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(candidate) ? candidate.trim().toLowerCase() : undefined;
}

/** What the HR directory takes from the enterprise extension and `title`. */
export function directoryFacts(record: ScimUserRecord): { department?: string; jobTitle?: string; managerRef?: string } {
  const enterprise = (record.resource[ENTERPRISE_USER] ?? {}) as Resource;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 128) : undefined);
  // Entra ID sends the manager as a string id, or as [{ value }]; Okta and the RFC as { value }.
  const manager = enterprise.manager;
  const managerValue = Array.isArray(manager) ? (manager[0] as Resource | undefined)?.value : typeof manager === 'object' && manager !== null ? (manager as Resource).value : manager;
  return { department: text(enterprise.department), jobTitle: text(record.resource.title), managerRef: text(managerValue) };
}
