import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { importJWK } from 'jose';
import { ENROLL, make, testApp, type TestApp } from './harness';
import { EXTENSION_CLIENT, extensionIdToken, identityFor, startTestIssuer, type TestIssuer } from './test-issuer';
import type { IdentityConfig } from '../../server/identity/identity-config';

/** Enrollment proves the employee: ID tokens from a real OpenID provider, and the forgeries an attacker would try. */
let issuer: TestIssuer;
let t: TestApp | undefined;

beforeAll(async () => {
  issuer = await startTestIssuer({
    consoleRedirectUri: 'http://console.test/auth/oidc/callback',
    people: {
      alice: { email: 'Alice@Acme.example' },
      bob: { email: 'bob@acme.example' },
      unverified: { email: 'carol@acme.example', emailVerified: false },
      outsider: { email: 'dave@gmail.example' },
    },
  });
});
afterAll(() => issuer.close());
afterEach(async () => { await t?.close(); t = undefined; });

async function app(extra: Partial<IdentityConfig> = {}) {
  t = await testApp(new Date(), { identity: identityFor(issuer, extra), employeeDomains: ['acme.example'] });
  return t;
}

const device = { name: 'laptop', extensionVersion: '1.0.0' };

async function auditActions(app: TestApp) {
  const records = (await (await app.request('/v1/audit?limit=100', { token: 'adm_integration-admin' })).json()) as { action: string; details: Record<string, unknown> }[];
  return records.map((r) => r.action);
}

/** A token signed with the issuer's real key but otherwise chosen by the test. */
async function signedByIssuer(claims: Record<string, unknown>, key = issuer.signingKey) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(await importJWK(key, 'RS256'));
}

function baseClaims() {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer.issuer, aud: EXTENSION_CLIENT.id, sub: 'alice', email: 'alice@acme.example', email_verified: true, iat: now, exp: now + 600 };
}

describe('POST /v1/enroll with an ID token', () => {
  it('binds the device to the verified identity, and the device reports as that person', async () => {
    const a = await app();
    const idToken = await extensionIdToken(issuer, 'alice');
    const response = await a.request('/v1/enroll', { json: { idToken, device } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { deviceId: string; deviceToken: string; employee: string; verifiedBy: string };
    expect(body).toMatchObject({ employee: 'alice@acme.example', verifiedBy: 'oidc' });
    const bound = await a.store.deviceIdentities([body.deviceId]);
    expect(bound.get(body.deviceId)).toMatchObject({ method: 'oidc', issuer: issuer.issuer, subject: 'alice', email: 'alice@acme.example' });
    const at = new Date().toISOString();
    expect((await a.request('/v1/events', { token: body.deviceToken, json: { events: [make.copy('alice@acme.example', at)] } })).status).toBe(200);
    // The identity is the token's, not one the device picks: events for someone else are refused.
    expect((await a.request('/v1/events', { token: body.deviceToken, json: { events: [make.copy('ceo@acme.example', at)] } })).status).toBe(403);
    expect(await auditActions(a)).toContain('device.enroll');
    const listed = (await (await a.request('/v1/devices', { token: 'adm_integration-admin' })).json()) as { devices: { id: string; verifiedBy: string }[] };
    expect(listed.devices.find((d) => d.id === body.deviceId)?.verifiedBy).toBe('oidc');
  });

  it('refuses the shared enrollment token alone with a clear code, unless the deployment allows it', async () => {
    const a = await app();
    const refused = await a.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: 'ceo@acme.example', device } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('identity_required');
    await a.close();
    t = undefined;
    const allowed = await app({ allowTokenEnrollment: true });
    const response = await allowed.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: 'ceo@acme.example', device } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ verifiedBy: 'enrollment_token' });
  });

  it('refuses an ID token that already enrolled a device (a replayed or leaked one)', async () => {
    const a = await app();
    const idToken = await extensionIdToken(issuer, 'alice');
    expect((await a.request('/v1/enroll', { json: { idToken, device } })).status).toBe(201);
    const replay = await a.request('/v1/enroll', { json: { idToken, device } });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('token_reused');
    expect(await a.store.listDevices('alice@acme.example')).toHaveLength(1);
  });

  it('refuses an expired token', async () => {
    const a = await app();
    const idToken = await extensionIdToken(issuer, 'alice');
    a.setNow(new Date(Date.now() + 3 * 3_600_000));
    await expectRefused(a, idToken, 'token_expired');
  });

  it('refuses a token issued to another client (wrong audience)', async () => {
    const a = await app();
    await expectRefused(a, await signedByIssuer({ ...baseClaims(), aud: 'crm-guard-console' }), 'wrong_audience');
  });

  it('refuses a token naming another issuer, even one signed with the right key', async () => {
    const a = await app();
    await expectRefused(a, await signedByIssuer({ ...baseClaims(), iss: 'https://login.evil.example' }), 'wrong_issuer');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const a = await app();
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    await expectRefused(a, `${encode({ alg: 'none', typ: 'JWT' })}.${encode(baseClaims())}.`, 'unsupported_algorithm');
  });

  it('refuses a token signed with another key under the issuer key id', async () => {
    const a = await app();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'RS256', kid: issuer.signingKey.kid }).sign(privateKey);
    await expectRefused(a, forged, 'bad_signature');
  });

  it('accepts a token the test signs with the issuer key and right claims (the forgeries above differ only where named)', async () => {
    const a = await app();
    expect((await a.request('/v1/enroll', { json: { idToken: await signedByIssuer(baseClaims()), device } })).status).toBe(201);
  });

  it('refuses an address the issuer has not verified', async () => {
    const a = await app();
    const response = await a.request('/v1/enroll', { json: { idToken: await extensionIdToken(issuer, 'unverified'), device } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('email_not_verified');
  });

  it('takes Entra ID’s xms_edov as verification where it sends no email_verified, and refuses a token with neither', async () => {
    const a = await app();
    const { email_verified: _, ...entraLike } = baseClaims();
    expect((await a.request('/v1/enroll', { json: { idToken: await signedByIssuer({ ...entraLike, xms_edov: true }), device } })).status).toBe(201);
    const neither = await a.request('/v1/enroll', { json: { idToken: await signedByIssuer(entraLike), device } });
    expect(neither.status).toBe(401);
    expect(((await neither.json()) as { error: { code: string } }).error.code).toBe('email_not_verified');
  });

  it('refuses, and audits, a verified identity outside the employee domains', async () => {
    const a = await app();
    const response = await a.request('/v1/enroll', { json: { idToken: await extensionIdToken(issuer, 'outsider'), device } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('domain_not_allowed');
    expect(await auditActions(a)).toContain('device.enroll_refused');
  });

  it('audits a second device of the same person and a browser that changes identity', async () => {
    const a = await app();
    const first = (await (await a.request('/v1/enroll', { json: { idToken: await extensionIdToken(issuer, 'alice'), device } })).json()) as { deviceToken: string };
    expect(await auditActions(a)).not.toContain('device.second_device');
    expect((await a.request('/v1/enroll', { json: { idToken: await extensionIdToken(issuer, 'alice'), device } })).status).toBe(201);
    expect(await auditActions(a)).toContain('device.second_device');
    // The first browser signs in as someone else, presenting its previous device token.
    const change = await a.request('/v1/enroll', { token: first.deviceToken, json: { idToken: await extensionIdToken(issuer, 'bob'), device } });
    expect(change.status).toBe(201);
    expect(await auditActions(a)).toContain('device.identity_change');
  });
});

describe('POST /v1/enroll without an identity provider (the trial)', () => {
  it('enrolls with the enrollment token and records that the identity is unverified', async () => {
    t = await testApp(new Date());
    const response = await t.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: 'x@acme.example', device } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { deviceId: string; verifiedBy: string };
    expect(body.verifiedBy).toBe('enrollment_token');
    expect((await t.store.deviceIdentities([body.deviceId])).get(body.deviceId)?.method).toBe('enrollment_token');
    const idToken = await signedByIssuer(baseClaims());
    expect((await t.request('/v1/enroll', { json: { idToken, device } })).status).toBe(400);
  });
});

async function expectRefused(a: TestApp, idToken: string, reason: string) {
  const response = await a.request('/v1/enroll', { json: { idToken, device } });
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: { code: string; details?: { reason: string } } };
  expect(body.error.code).toBe('invalid_id_token');
  expect(body.error.details?.reason).toBe(reason);
}
