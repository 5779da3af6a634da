import { CORE_USER, CRMGUARD_USER, ENTERPRISE_USER } from './scim-protocol';

/** RFC 7643 §5: what this server supports, read by Entra ID and Okta before provisioning. */
export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${baseUrl}/docs/identity.md`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authorization: Bearer <CRMGUARD_SCIM_TOKEN>', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/scim/v2/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [{
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User', name: 'User', endpoint: '/Users', description: 'A person of the company',
    schema: CORE_USER,
    schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }, { schema: CRMGUARD_USER, required: false }],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/scim/v2/ResourceTypes/User` },
  }];
}

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name, type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
});

/** The attributes crm-guard reads; others are stored and returned as sent. */
export function schemas(baseUrl: string) {
  return [
    {
      id: CORE_USER, name: 'User', description: 'User Account',
      attributes: [
        attribute('userName', { required: true, uniqueness: 'server' }),
        attribute('externalId', { caseExact: true }),
        attribute('displayName'),
        attribute('title'),
        attribute('active', { type: 'boolean' }),
        { ...attribute('emails', { type: 'complex', multiValued: true }), subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })] },
        { ...attribute('name', { type: 'complex' }), subAttributes: [attribute('givenName'), attribute('familyName'), attribute('formatted')] },
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/scim/v2/Schemas/${CORE_USER}` },
    },
    {
      id: ENTERPRISE_USER, name: 'EnterpriseUser', description: 'Enterprise User',
      attributes: [
        attribute('department'),
        { ...attribute('manager', { type: 'complex' }), subAttributes: [attribute('value'), attribute('displayName', { mutability: 'readOnly' })] },
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/scim/v2/Schemas/${ENTERPRISE_USER}` },
    },
    {
      // A hire date in any User extension is read (Entra ID's attribute list names its own); this one is ours.
      id: CRMGUARD_USER, name: 'CrmGuardUser', description: 'What crm-guard reads beyond the standard schemas',
      attributes: [attribute('hireDate', { type: 'dateTime', description: 'The hire date: a new starter\'s first month in the CRM is not judged as a departure' })],
      meta: { resourceType: 'Schema', location: `${baseUrl}/scim/v2/Schemas/${CRMGUARD_USER}` },
    },
  ];
}
