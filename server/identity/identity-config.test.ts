import { describe, expect, it } from 'vitest';
import { identityConfigFromEnv, parseRoleMapping } from './identity-config';

describe('parseRoleMapping', () => {
  it('maps claim values to roles, several values to one role', () => {
    expect([...parseRoleMapping('admin=cg-admins|it-leads, security=cg-security,hr=cg-hr,auditor=cg-audit')]).toEqual([
      ['cg-admins', 'admin'], ['it-leads', 'admin'], ['cg-security', 'security'], ['cg-hr', 'hr'], ['cg-audit', 'auditor'],
    ]);
    expect(parseRoleMapping('').size).toBe(0);
  });

  it('refuses unknown roles, pairs without a value, and one value mapped to two roles', () => {
    expect(() => parseRoleMapping('root=cg-admins')).toThrow(/not role=claim-value/);
    expect(() => parseRoleMapping('admin')).toThrow(/not role=claim-value/);
    expect(() => parseRoleMapping('admin=cg-x,hr=cg-x')).toThrow(/both admin and hr/);
  });
});

describe('identityConfigFromEnv', () => {
  it('is the trial without an issuer: token enrollment, no SCIM', () => {
    expect(identityConfigFromEnv({})).toEqual({ publicUrl: undefined, oidc: undefined, allowTokenEnrollment: false, scimToken: undefined, trustedProxies: [] });
  });

  it('reads the contract names, with groups as the default role claim', () => {
    const config = identityConfigFromEnv({
      CRMGUARD_PUBLIC_URL: 'https://crm-guard.acme.com/', CRMGUARD_OIDC_ISSUER: 'https://idp.acme.com', CRMGUARD_OIDC_CLIENT_ID: 'console',
      CRMGUARD_OIDC_CLIENT_SECRET: 's3cret', CRMGUARD_OIDC_EXTENSION_CLIENT_ID: 'ext', CRMGUARD_OIDC_ROLES: 'admin=cg-admins',
      CRMGUARD_ALLOW_TOKEN_ENROLLMENT: '1', CRMGUARD_SCIM_TOKEN: 'scim', CRMGUARD_TRUSTED_PROXIES: '10.0.0.5, ::1',
    });
    expect(config).toMatchObject({
      publicUrl: 'https://crm-guard.acme.com', allowTokenEnrollment: true, scimToken: 'scim', trustedProxies: ['10.0.0.5', '::1'],
      oidc: { issuer: 'https://idp.acme.com', clientId: 'console', clientSecret: 's3cret', extensionClientId: 'ext', roleClaim: 'groups' },
    });
    expect(config.oidc?.roles.get('cg-admins')).toBe('admin');
  });

  it('refuses an issuer without a client or a public URL (the redirect URI would be unknown)', () => {
    expect(() => identityConfigFromEnv({ CRMGUARD_OIDC_ISSUER: 'https://idp', CRMGUARD_PUBLIC_URL: 'https://x' })).toThrow(/CLIENT_ID/);
    expect(() => identityConfigFromEnv({ CRMGUARD_OIDC_ISSUER: 'https://idp', CRMGUARD_OIDC_CLIENT_ID: 'c' })).toThrow(/CRMGUARD_PUBLIC_URL/);
  });
});
