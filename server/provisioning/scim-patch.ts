import { ENTERPRISE_USER, ScimError } from './scim-protocol';

/** One PATCH operation as sent: Entra ID writes `Replace`/`Add` capitalised; Okta sends a value object without a path. */
export interface PatchOperation { op: string; path?: string; value?: unknown }

type Resource = Record<string, unknown>;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a stored User and returns the new one. Supports what
 * identity providers send for users: attribute paths (`active`, `name.familyName`), the enterprise or a
 * custom extension by its URN prefix, `emails[type eq "work"].value`, and path-less operations whose value is a
 * partial resource. Booleans sent as "True"/"False" strings (Entra ID) become booleans.
 */
export function applyPatch(resource: Resource, operations: readonly PatchOperation[]): Resource {
  let next = structuredClone(resource);
  for (const operation of operations) {
    const op = String(operation.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `unknown PATCH op "${operation.op}"`, 'invalidSyntax');
    if (!operation.path) {
      if (op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
      if (!isObject(operation.value)) throw new ScimError(400, `${operation.op} without a path needs an object value`, 'invalidValue');
      // Keys of a path-less value may themselves be paths ("name.givenName", the extension's URN).
      for (const [key, value] of Object.entries(operation.value)) next = setPath(next, key, value, op);
      continue;
    }
    next = op === 'remove' ? removePath(next, operation.path) : setPath(next, operation.path, operation.value, op);
  }
  return next;
}

/** Any User extension's URN (the enterprise one, or a custom one such as Entra ID's attribute-list extensions), then its attribute path. */
const EXTENSION_PATH = /^(urn:ietf:params:scim:schemas:extension:(?:[^:]+:)+?User)(?::(.*))?$/i;

/** `urn:…:enterprise:2.0:User:department` → the extension object and `department`. */
function splitExtension(path: string): { container: string | undefined; rest: string } {
  const found = EXTENSION_PATH.exec(path);
  if (!found) return { container: undefined, rest: path };
  const urn = found[1]!.toLowerCase() === ENTERPRISE_USER.toLowerCase() ? ENTERPRISE_USER : found[1]!;
  return { container: urn, rest: found[2] ?? '' };
}

function setPath(resource: Resource, path: string, value: unknown, op: 'add' | 'replace'): Resource {
  const { container: named, rest } = splitExtension(path);
  const container = named && keyOf(resource, named);
  const target = container ? ((resource[container] = isObject(resource[container]) ? resource[container] : {}) as Resource) : resource;
  if (!rest) {
    if (!isObject(value)) throw new ScimError(400, `${path} needs an object value`, 'invalidValue');
    for (const [key, inner] of Object.entries(value)) setAttribute(target, key, inner, op);
    return resource;
  }
  const filtered = /^(\w+)\[(\w+)\s+eq\s+"([^"]*)"\]\.(\w+)$/i.exec(rest);
  if (filtered) {
    const [, attribute, key, wanted, sub] = filtered as unknown as [string, string, string, string, string];
    const name = keyOf(target, attribute);
    const list = Array.isArray(target[name]) ? (target[name] as Resource[]) : [];
    let entry = list.find((e) => String(e[key] ?? '').toLowerCase() === wanted.toLowerCase());
    if (!entry) list.push((entry = { [key]: wanted }));
    entry[keyOf(entry, sub)] = coerce(sub, value);
    target[name] = list;
    return resource;
  }
  const parts = rest.split('.');
  if (parts.some((p) => !/^[\w$]+$/.test(p)) || parts.length > 2) throw new ScimError(400, `unsupported PATCH path "${path}"`, 'invalidPath');
  if (parts.length === 2) {
    const name = keyOf(target, parts[0]!);
    const parent = (target[name] = isObject(target[name]) ? target[name] : {}) as Resource;
    setAttribute(parent, parts[1]!, value, op);
  } else {
    setAttribute(target, parts[0]!, value, op);
  }
  return resource;
}

function setAttribute(target: Resource, attribute: string, value: unknown, op: 'add' | 'replace') {
  if (attribute.includes('.') || attribute.toLowerCase().startsWith('urn:')) {
    setPath(target, attribute, value, op);
    return;
  }
  const name = keyOf(target, attribute);
  const current = target[name];
  // RFC 7644 §3.5.2.1: add to a multi-valued attribute appends; replace overwrites.
  if (op === 'add' && Array.isArray(current) && Array.isArray(value)) target[name] = [...current, ...value];
  else if (op === 'add' && isObject(current) && isObject(value)) target[name] = { ...current, ...value };
  else target[name] = coerce(name, value);
}

function removePath(resource: Resource, path: string): Resource {
  const { container: named, rest } = splitExtension(path);
  const container = named && keyOf(resource, named);
  const target = container ? (resource[container] as Resource | undefined) : resource;
  if (!target) return resource;
  if (!rest) {
    delete resource[container!];
    return resource;
  }
  const parts = rest.split('.');
  if (parts.length === 1) delete target[keyOf(target, parts[0]!)];
  else if (parts.length === 2 && isObject(target[keyOf(target, parts[0]!)])) delete (target[keyOf(target, parts[0]!)] as Resource)[parts[1]!];
  else throw new ScimError(400, `unsupported PATCH path "${path}"`, 'invalidPath');
  return resource;
}

/** Names that reach an object's prototype: a PATCH naming one would write `Object.prototype` for the whole process. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Attribute names are case-insensitive: `Active` replaces the stored `active`. */
function keyOf(target: Resource, attribute: string): string {
  if (PROTOTYPE_KEYS.has(attribute.toLowerCase())) throw new ScimError(400, `"${attribute.slice(0, 64)}" is not an attribute`, 'invalidPath');
  return Object.keys(target).find((k) => k.toLowerCase() === attribute.toLowerCase()) ?? attribute;
}

/** Entra ID's historic "True"/"False" for booleans. */
function coerce(attribute: string, value: unknown): unknown {
  if ((attribute.toLowerCase() === 'active' || attribute.toLowerCase() === 'primary') && typeof value === 'string') {
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
  }
  return value;
}

function isObject(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
