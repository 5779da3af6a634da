import { browser } from 'wxt/browser';

/** The company's OpenID provider and the extension's public client at it, when the deployment uses one. */
export interface IdentityProvider { issuer: string; clientId: string }

/**
 * Managed policy first (`oidcIssuer`, `oidcClientId`), then the build (`CRMGUARD_OIDC_ISSUER`,
 * `CRMGUARD_OIDC_EXTENSION_CLIENT_ID`). Undefined: the deployment enrolls with the enrollment token.
 */
export async function readIdentityProvider(): Promise<IdentityProvider | undefined> {
  let managed: Record<string, unknown> = {};
  try {
    managed = (await browser.storage.managed.get(['oidcIssuer', 'oidcClientId'])) as Record<string, unknown>;
  } catch {
    // Firefox rejects when no policy is installed: not managed.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const issuer = text(managed.oidcIssuer) || (import.meta.env.CRMGUARD_OIDC_ISSUER ?? '');
  const clientId = text(managed.oidcClientId) || (import.meta.env.CRMGUARD_OIDC_EXTENSION_CLIENT_ID ?? '');
  return issuer && clientId ? { issuer: issuer.replace(/\/+$/, ''), clientId } : undefined;
}

function randomText(bytes = 32): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(buffer);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 7636 S256: the challenge is the SHA-256 of the verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The claims of a JWT, unverified: only to compare the nonce; the server verifies the signature. */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/**
 * Signs the employee in at the company's provider through `identity.launchWebAuthFlow` (authorization code
 * with PKCE, state and nonce; redirect `https://<extension id>.chromiumapp.org/`) and returns the ID token
 * for the server to verify. Non-interactive first: with a live IdP session no window shows at all.
 */
export async function obtainIdToken(provider: IdentityProvider, interactive: boolean): Promise<string> {
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomText();
  const state = randomText(16);
  const nonce = randomText(16);
  const redirectUri = browser.identity.getRedirectURL();
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: provider.clientId, redirect_uri: redirectUri, scope: 'openid email',
    state, nonce, code_challenge: await pkceChallenge(verifier), code_challenge_method: 'S256',
  }).toString();
  const returned = await browser.identity.launchWebAuthFlow({ url: authorize.href, interactive });
  if (!returned) throw new Error('the sign-in window was closed');
  const params = new URL(returned).searchParams;
  if (params.get('error')) throw new Error(`the identity provider refused: ${params.get('error_description') ?? params.get('error')}`);
  if (params.get('state') !== state || !params.get('code')) throw new Error('the sign-in answer does not belong to this request');
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code')!, redirect_uri: redirectUri, client_id: provider.clientId, code_verifier: verifier }).toString(),
  });
  const body = (await response.json()) as { id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.id_token) throw new Error(`the identity provider gave no ID token: ${body.error ?? response.status} ${body.error_description ?? ''}`.trim());
  if (jwtClaims(body.id_token).nonce !== nonce) throw new Error('the ID token is not for this sign-in (nonce)');
  return body.id_token;
}

/** Silently when the IdP session allows, else with the provider's sign-in window. */
export async function signInForEnrollment(provider: IdentityProvider): Promise<string> {
  try {
    return await obtainIdToken(provider, false);
  } catch {
    return obtainIdToken(provider, true);
  }
}
