import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import type { IdentityConfig } from '../../server/identity/identity-config';

/**
 * A real OpenID provider (the certified `oidc-provider`) on loopback, with its development login form:
 * any account name signs in, and the account's claims come from `people` below. Two clients, as a company
 * registers them: the console (confidential, code flow) and the extension (public, PKCE, chromiumapp.org).
 */
export interface TestPerson { email: string; emailVerified?: boolean; groups?: string[] }

export const CONSOLE_CLIENT = { id: 'crm-guard-console', secret: 'console-client-secret-0123456789abcdef' };
export const EXTENSION_CLIENT = { id: 'crm-guard-extension', redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/' };

export async function startTestIssuer(options: { consoleRedirectUri: string; people: Record<string, TestPerson>; extensionRedirectUri?: string; extensionOrigin?: string }) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'test-issuer-key', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CONSOLE_CLIENT.id, client_secret: CONSOLE_CLIENT.secret, redirect_uris: [options.consoleRedirectUri],
        response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: EXTENSION_CLIENT.id, redirect_uris: [options.extensionRedirectUri ?? EXTENSION_CLIENT.redirectUri], response_types: ['code'],
        grant_types: ['authorization_code'], token_endpoint_auth_method: 'none',
      },
    ],
    jwks: { keys: [signingKey] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
    scopes: ['openid', 'email', 'groups', 'offline_access'],
    // The claims of the requested scopes in the ID token itself, as Entra ID, Okta and Keycloak put them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // The extension redeems its code from its own origin, which the provider must trust (Okta: Trusted Origins; Keycloak: Web origins).
    clientBasedCORS: (_ctx, origin, client) => client.clientId === EXTENSION_CLIENT.id && origin === options.extensionOrigin,
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600, AuthorizationCode: 60 },
    findAccount: (_ctx, id) => {
      const person = options.people[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: person.email, email_verified: person.emailVerified ?? true, ...(person.groups ? { groups: person.groups } : {}) }),
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    /** The issuer's own signing key, for tokens that are validly signed but wrong in another way. */
    signingKey,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export type TestIssuer = Awaited<ReturnType<typeof startTestIssuer>>;

/** The server's configuration for this provider: both clients, no roles mapped, token enrollment refused. */
export function identityFor(issuer: TestIssuer, extra: Partial<IdentityConfig> = {}): IdentityConfig {
  return {
    publicUrl: 'http://console.test',
    oidc: { issuer: issuer.issuer, clientId: CONSOLE_CLIENT.id, clientSecret: CONSOLE_CLIENT.secret, extensionClientId: EXTENSION_CLIENT.id, roles: new Map(), roleClaim: 'groups' },
    allowTokenEnrollment: false,
    trustedProxies: [],
    ...extra,
  };
}

/** Follows redirects by hand, keeping the issuer's cookies, through its login and consent forms. */
export async function signInAtIssuer(authorizationUrl: string, account: string, redirectUriPrefix: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUriPrefix)) return next;
      url = next.href;
      init = {};
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the issuer answered ${response.status}: ${page.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no form on the issuer's page: ${page.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt: prompt ?? 'consent' });
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the issuer did not redirect back within 20 hops');
}

/** What the extension does through `identity.launchWebAuthFlow`: code flow with PKCE, then the token endpoint. */
export async function extensionIdToken(issuer: TestIssuer, account: string, clientId = EXTENSION_CLIENT.id): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${issuer.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId, response_type: 'code', redirect_uri: EXTENSION_CLIENT.redirectUri, scope: 'openid email',
    state: randomBytes(8).toString('hex'), nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const back = await signInAtIssuer(auth.href, account, EXTENSION_CLIENT.redirectUri);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back.href}`);
  const response = await fetch(`${issuer.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: EXTENSION_CLIENT.redirectUri, client_id: clientId, code_verifier: verifier }).toString(),
  });
  const body = (await response.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no ID token from the issuer: ${JSON.stringify(body)}`);
  return body.id_token;
}
