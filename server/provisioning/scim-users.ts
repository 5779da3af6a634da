import { randomUUID } from 'node:crypto';
import { CORE_USER, ENTERPRISE_USER, ScimError } from './scim-protocol';
import type { ScimUserRecord } from '../store/identities';
import { isCalendarDate } from '../risk/days';

type Resource = Record<string, unknown>;

/** Never stored nor returned (RFC 7643 §4.1.1: password is writeOnly); the server assigns id and meta. */
const NOT_STORED = new Set(['password', 'id', 'meta']);

/**
 * A User as sent (POST or PUT) or as a PATCH left it, checked and tidied: what `scim_users.resource` keeps.
 * `previous`: the stored User a PATCH started from; only hire dates that differ from it are checked, so a value
 * an earlier release kept does not block every later change (a deactivation above all).
 */
export function storableUser(body: unknown, previous?: Resource): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ScimError(400, 'the body must be a SCIM User object', 'invalidSyntax');
  const resource = Object.fromEntries(Object.entries(body as Resource).filter(([k]) => !NOT_STORED.has(k.toLowerCase())));
  const userName = resource.userName;
  if (typeof userName !== 'string' || userName.trim() === '' || userName.length > 320) throw new ScimError(400, 'userName is required (a string of at most 320 characters)', 'invalidValue');
  if (JSON.stringify(resource).includes('\\u0000')) throw new ScimError(400, 'the User must not contain the character U+0000', 'invalidValue');
  resource.active = activeOf(resource);
  const schemas = Array.isArray(resource.schemas) ? resource.schemas.map(String) : [];
  if (!schemas.includes(CORE_USER)) schemas.unshift(CORE_USER);
  for (const urn of extensionsOf(resource)) if (!schemas.some((s) => s.toLowerCase() === urn.toLowerCase())) schemas.push(urn);
  resource.schemas = schemas;
  const kept = new Set(previous ? hireDateAttributes(previous).map((h) => `${h.path}\u0000${JSON.stringify(h.value)}`) : []);
  for (const hire of hireDateAttributes(resource)) {
    if (dateOf(hire.value) !== undefined || kept.has(`${hire.path}\u0000${JSON.stringify(hire.value)}`)) continue;
    throw new ScimError(400, `${hire.path} must be a date (YYYY-MM-DD or an ISO 8601 date-time), not ${JSON.stringify(hire.value).slice(0, 64)}`, 'invalidValue');
  }
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

/** The User extensions a resource carries (the enterprise one, custom ones): keys that are extension URNs holding an object. */
function extensionsOf(resource: Resource): string[] {
  return Object.keys(resource).filter((k) => /^urn:ietf:params:scim:schemas:extension:.+:User$/i.test(k) && typeof resource[k] === 'object' && resource[k] !== null && !Array.isArray(resource[k]));
}

/** Attribute names a hire date goes by: Entra ID's `employeeHireDate`, or `hireDate` as its provisioning docs name a custom one. */
const HIRE_DATE_NAMES = new Set(['employeehiredate', 'hiredate']);

/**
 * Hire dates given, in whichever User extension the identity provider put one (the schema has none: Entra ID
 * and Okta map it into a custom extension, e.g. `urn:ietf:params:scim:schemas:extension:crmguard:2.0:User:hireDate`).
 * An attribute cleared (null, empty) gives none.
 */
function hireDateAttributes(resource: Resource): { path: string; value: unknown }[] {
  const found: { path: string; value: unknown }[] = [];
  for (const urn of extensionsOf(resource)) {
    const extension = resource[urn] as Resource;
    for (const name of Object.keys(extension)) {
      const value = extension[name];
      if (HIRE_DATE_NAMES.has(name.toLowerCase()) && value !== null && value !== undefined && value !== '') found.push({ path: `${urn}:${name}`, value });
    }
  }
  return found;
}

/** YYYY-MM-DD of a date or an ISO 8601 date-time (its calendar date as written: Entra ID sends midnight UTC). */
function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/.exec(value.trim())?.[1];
  return day !== undefined && isCalendarDate(day) ? day : undefined;
}

/** What the HR directory takes from the enterprise extension, `title` and a hire date in any extension. */
export function directoryFacts(record: ScimUserRecord): { department?: string; jobTitle?: string; managerRef?: string; hiredOn?: string } {
  const enterprise = (record.resource[ENTERPRISE_USER] ?? {}) as Resource;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 128) : undefined);
  // Entra ID sends the manager as a string id, or as [{ value }]; Okta and the RFC as { value }.
  const manager = enterprise.manager;
  const managerValue = Array.isArray(manager) ? (manager[0] as Resource | undefined)?.value : typeof manager === 'object' && manager !== null ? (manager as Resource).value : manager;
  return { department: text(enterprise.department), jobTitle: text(record.resource.title), managerRef: text(managerValue), hiredOn: dateOf(hireDateAttributes(record.resource)[0]?.value) };
}
