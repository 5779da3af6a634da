/** SCIM 2.0 names (RFC 7643, RFC 7644) and its own error format. */

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** crm-guard's own User extension: the hire date, which neither the core schema nor the enterprise one has. */
export const CRMGUARD_USER = 'urn:ietf:params:scim:schemas:extension:crmguard:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** RFC 7644 §3.12 `scimType` values we use. */
export type ScimType = 'invalidFilter' | 'uniqueness' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget' | 'mutability';

/** Thrown by SCIM handlers; the app's error path answers it in SCIM's format. */
export class ScimError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501, message: string, readonly scimType?: ScimType) {
    super(message);
  }
}

/** RFC 7644 §3.12: `status` is a string in the body. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return { schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/**
 * `userName eq "alice@example.com"`: the one filter Entra ID and Okta send to find a user before creating
 * it. Attribute names are case-insensitive (RFC 7644 §3.4.2.2); anything else is refused as invalidFilter.
 */
export function parseUserNameFilter(filter: string): string {
  const match = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) throw new ScimError(400, `unsupported filter "${filter}": only userName eq "…" is supported`, 'invalidFilter');
  return match[1]!.replace(/\\(.)/g, '$1');
}
