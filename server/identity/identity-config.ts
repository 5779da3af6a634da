import type { Role } from '../store/store';

/** The company's OpenID provider, as the console and enrollment use it. */
export interface OidcSettings {
  /** The issuer URL exactly as its ID tokens name it (`iss`). */
  issuer: string;
  /** The console's confidential client. */
  clientId: string;
  clientSecret: string;
  /** The extension's public client: ID tokens for enrollment must be issued to it. */
  extensionClientId?: string;
  /** Claim value (a group) → console role. */
  roles: Map<string, Role>;
  /** The claim holding those values (default `groups`). */
  roleClaim: string;
  /**
   * Scopes the console asks for (`CRMGUARD_OIDC_SCOPES`, default `openid email profile`). Okta puts groups in
   * the ID token only for a `groups` scope; Entra ID refuses scopes it does not know, so it is not the default.
   */
  scopes?: string;
}

/** Who is who: OpenID Connect, SCIM and how much the server trusts what sits in front of it. */
export interface IdentityConfig {
  /** The console's external base URL (`CRMGUARD_PUBLIC_URL`): the OIDC redirect and whether cookies are Secure. */
  publicUrl?: string;
  oidc?: OidcSettings;
  /** With OIDC configured, the shared enrollment token alone still enrolls (`CRMGUARD_ALLOW_TOKEN_ENROLLMENT=1`). */
  allowTokenEnrollment: boolean;
  /** The bearer token of the SCIM client (`CRMGUARD_SCIM_TOKEN`); SCIM is off without it. */
  scimToken?: string;
  /** Addresses of reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed (`CRMGUARD_TRUSTED_PROXIES`). */
  trustedProxies: string[];
}

const ROLES: readonly Role[] = ['admin', 'security', 'hr', 'auditor'];

/**
 * `admin=cg-admins,security=cg-security` → cg-admins → admin. One role may take several values
 * (`admin=a|b` or the role repeated); a value mapped to two roles is a configuration error, not a guess.
 */
export function parseRoleMapping(text: string): Map<string, Role> {
  const mapping = new Map<string, Role>();
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [role, values] = pair.split('=', 2).map((s) => s?.trim());
    if (!role || !values || !ROLES.includes(role as Role)) {
      throw new Error(`CRMGUARD_OIDC_ROLES: "${pair}" is not role=claim-value (roles: ${ROLES.join(', ')})`);
    }
    for (const value of values.split('|').map((v) => v.trim()).filter(Boolean)) {
      const earlier = mapping.get(value);
      if (earlier && earlier !== role) throw new Error(`CRMGUARD_OIDC_ROLES: "${value}" is mapped to both ${earlier} and ${role}`);
      mapping.set(value, role as Role);
    }
  }
  return mapping;
}

export function identityConfigFromEnv(env: NodeJS.ProcessEnv): IdentityConfig {
  const issuer = env.CRMGUARD_OIDC_ISSUER?.trim() || undefined;
  const publicUrl = env.CRMGUARD_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined;
  let oidc: OidcSettings | undefined;
  if (issuer) {
    const clientId = env.CRMGUARD_OIDC_CLIENT_ID?.trim();
    const clientSecret = env.CRMGUARD_OIDC_CLIENT_SECRET ?? '';
    if (!clientId) throw new Error('CRMGUARD_OIDC_ISSUER is set but CRMGUARD_OIDC_CLIENT_ID is not');
    if (!publicUrl) throw new Error('CRMGUARD_OIDC_ISSUER is set but CRMGUARD_PUBLIC_URL is not: the redirect URI is <CRMGUARD_PUBLIC_URL>/auth/oidc/callback');
    oidc = {
      issuer,
      clientId,
      clientSecret,
      extensionClientId: env.CRMGUARD_OIDC_EXTENSION_CLIENT_ID?.trim() || undefined,
      roles: parseRoleMapping(env.CRMGUARD_OIDC_ROLES ?? ''),
      roleClaim: env.CRMGUARD_OIDC_ROLE_CLAIM?.trim() || 'groups',
      scopes: env.CRMGUARD_OIDC_SCOPES?.trim() || undefined,
    };
  }
  return {
    publicUrl,
    oidc,
    allowTokenEnrollment: env.CRMGUARD_ALLOW_TOKEN_ENROLLMENT === '1',
    scimToken: env.CRMGUARD_SCIM_TOKEN || undefined,
    trustedProxies: (env.CRMGUARD_TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim()).filter(Boolean),
  };
}

/** The trial (`npm start`) and tests: no identity provider, token enrollment, no SCIM. */
export const NO_IDENTITY_PROVIDER: IdentityConfig = { allowTokenEnrollment: true, trustedProxies: [] };
