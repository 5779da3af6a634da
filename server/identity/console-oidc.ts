import { createHash, randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Services } from '../env';
import type { Role } from '../store/store';
import { IdTokenRejected } from './oidc-issuer';
import type { OidcSettings } from './identity-config';

/** What the browser keeps between leaving for the IdP and coming back (in a short-lived HttpOnly cookie). */
export interface PendingSignIn { state: string; nonce: string; verifier: string }

/** When one person is in several mapped groups, the broadest role wins. */
const ROLE_ORDER: readonly Role[] = ['admin', 'security', 'hr', 'auditor'];

export function redirectUri(publicUrl: string): string {
  return `${publicUrl}/auth/oidc/callback`;
}

export function newPendingSignIn(): PendingSignIn {
  const random = () => randomBytes(32).toString('base64url');
  return { state: random(), nonce: random(), verifier: random() };
}

/** The authorization request: code flow, PKCE (S256), state against login CSRF, nonce against replayed tokens. */
export async function authorizationUrl(services: Services, pending: PendingSignIn): Promise<string> {
  const { oidc, publicUrl } = configured(services);
  const metadata = await services.oidcIssuer!.metadata();
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(publicUrl),
    scope: oidc.scopes ?? 'openid email profile',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/** Trades the code for tokens at the issuer (client_secret_basic) and verifies the ID token with this sign-in's nonce. */
export async function redeemCode(services: Services, code: string, pending: PendingSignIn): Promise<JWTPayload> {
  const { oidc, publicUrl } = configured(services);
  const metadata = await services.oidcIssuer!.metadata();
  // RFC 6749 §2.3.1: id and secret form-encoded before Basic encoding.
  const basic = Buffer.from(`${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`).toString('base64');
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(publicUrl), code_verifier: pending.verifier }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.id_token) {
    throw new IdTokenRejected('malformed_token', `the issuer refused the sign-in code: ${body.error ?? response.status} ${body.error_description ?? ''}`.trim());
  }
  return services.oidcIssuer!.verifyIdToken(body.id_token, { audience: oidc.clientId, nonce: pending.nonce, now: services.now() });
}

/** The role the person's claim values map to, or undefined: no mapped group, no console. */
export function roleFromClaims(oidc: OidcSettings, claims: JWTPayload): Role | undefined {
  const raw = claims[oidc.roleClaim];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = new Set(values.map((v) => oidc.roles.get(v)).filter((r): r is Role => r !== undefined));
  return ROLE_ORDER.find((r) => roles.has(r));
}

/** How a person signed in through the IdP is named in sessions and the audit log; SCIM ends sessions by it. */
export function oidcSubject(email: string): string {
  return `oidc:${email.toLowerCase()}`;
}

/** The e-mail an IdP account is known by: `email`, else Entra ID's `preferred_username` (a UPN). */
export function emailOf(claims: JWTPayload): string | undefined {
  const value = typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined;
  return value && /^[^@\s]+@[^@\s]+$/.test(value) ? value.toLowerCase() : undefined;
}

function configured(services: Services) {
  const { oidc, publicUrl } = services.identity;
  if (!oidc || !publicUrl || !services.oidcIssuer) throw new Error('OpenID Connect is not configured');
  return { oidc, publicUrl };
}
