import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FINGERPRINTS } from '../../shared/events';
import { purgeExpired } from '../../server/scoring/schedule';
import { ADMIN, make, testApp, type TestApp } from './harness';
import { createUser, signIn } from './console-session';

/** What the extension computes (extension/lib/fingerprint.ts), in Node. */
const fingerprint = (salt: string, email: string) => createHash('sha256').update(`${salt}\n${email}`).digest('hex').slice(0, 16);
const under = (salt: string, emails: readonly string[]) => emails.map((e) => fingerprint(salt, e)).sort();

const LEAVER = 'frank@acme.example';
const CUSTOMERS = Array.from({ length: 20 }, (_, i) => `customer${i}@client${i % 5}.example`);
const DAY = 86_400_000;
const T0 = new Date('2026-11-02T10:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

interface DevicePolicy { fingerprintSalt: string; previousFingerprintSalt?: { salt: string; until: string } }

describe('rotating the device salt keeps lineage for the window', () => {
  let t: TestApp;
  let device: string;
  let oldSalt: string;
  let newSalt: string;

  const policy = async (token = device) => (await (await t.request('/v1/policy', { token })).json()) as DevicePolicy & Record<string, unknown>;
  const send = async (events: unknown[]) => {
    const response = await t.request('/v1/events', { token: device, json: { events } });
    expect(response.status, await response.clone().text()).toBe(200);
    await t.settle();
  };
  const lineage = async (uploadId: string) => (await t.store.scoringData([LEAVER], { eventsSince: T0.toISOString() })).get(LEAVER)?.lineage.get(uploadId);
  const stored = async (id: string) => (await t.store.eventsWithFingerprints(LEAVER, ['crm.copy', 'webmail.upload'], at(-1).toISOString(), at(200).toISOString())).find((e) => e.id === id) as Record<string, unknown> | undefined;

  beforeAll(async () => {
    t = await testApp(T0);
    device = await t.enroll(LEAVER);
    oldSalt = (await policy()).fingerprintSalt;
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('drops a previous set sent when no rotation happened, and refuses an oversized or malformed one', async () => {
    expect((await policy()).previousFingerprintSalt).toBeUndefined();
    const upload = make.upload(LEAVER, at(0).toISOString(), { fingerprints: under(oldSalt, ['someone@else.example']), previousFingerprints: under('made-up-salt-0123456789', CUSTOMERS) });
    await send([upload]);
    expect(await stored(upload.id)).not.toHaveProperty('previousFingerprints');

    const oversized = make.upload(LEAVER, at(0).toISOString(), { previousFingerprints: Array.from({ length: MAX_FINGERPRINTS + 1 }, (_, i) => i.toString(16).padStart(16, '0')) });
    const tooMany = await t.request('/v1/events', { token: device, json: { events: [oversized] } });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('previousFingerprints');
    const malformed = await t.request('/v1/events', { token: device, json: { events: [make.upload(LEAVER, at(0).toISOString(), { previousFingerprints: ['not-a-fingerprint'] })] } });
    expect(malformed.status).toBe(400);
  });

  let copyBefore: ReturnType<typeof make.copy>;
  it('a copy before the rotation', async () => {
    copyBefore = make.copy(LEAVER, at(0).toISOString(), { emailCount: CUSTOMERS.length, fingerprints: under(oldSalt, CUSTOMERS) });
    await send([copyBefore]);
  });

  it('an administrator rotates: devices get the new salt and the previous one until the window closes; people get neither', async () => {
    const response = await t.request('/v1/policy/salt-rotation', { token: ADMIN, json: {} });
    expect(response.status, await response.clone().text()).toBe(201);
    const body = (await response.json()) as { rotatedAt: string; previousSaltUntil: string };
    expect(body).toEqual({ rotatedAt: T0.toISOString(), previousSaltUntil: at(90).toISOString() });

    const served = await policy();
    newSalt = served.fingerprintSalt;
    expect(newSalt).not.toBe(oldSalt);
    expect(served.previousFingerprintSalt).toEqual({ salt: oldSalt, until: at(90).toISOString() });
    const forPeople = await policy(ADMIN);
    expect(forPeople).not.toHaveProperty('fingerprintSalt');
    expect(forPeople).not.toHaveProperty('previousFingerprintSalt');
    expect(JSON.stringify(forPeople)).not.toContain(oldSalt);

    const [record] = await t.store.listAudit({ limit: 1 });
    expect(record).toMatchObject({ action: 'policy.rotate_fingerprint_salt', details: { previousSaltUntil: at(90).toISOString(), endedOpenWindow: false, via: 'api' } });
    expect(JSON.stringify(record)).not.toContain(newSalt);
    expect(JSON.stringify(record)).not.toContain(oldSalt);
  });

  it('refuses a second rotation while the window is open, unless forced', async () => {
    const again = await t.request('/v1/policy/salt-rotation', { token: ADMIN, json: {} });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('rotation_window_open');
    expect((await t.request('/v1/policy/salt-rotation', { token: ADMIN, json: { force: 'yes' } })).status).toBe(400);
  });

  it('an upload after the rotation matches the copy before it through the previous salt', async () => {
    t.setNow(at(10));
    const withoutPrevious = make.upload(LEAVER, at(10).toISOString(), { emailCount: 20, fingerprints: under(newSalt, CUSTOMERS) });
    const upload = make.upload(LEAVER, at(10).toISOString(), { emailCount: 20, fingerprints: under(newSalt, CUSTOMERS), previousFingerprints: under(oldSalt, CUSTOMERS) });
    await send([withoutPrevious, upload]);
    // Without the previous set, the copy under the old salt is out of reach: what the rotation would break.
    expect(await lineage(withoutPrevious.id)).toBeUndefined();
    expect(await lineage(upload.id)).toMatchObject({ matched: 20, total: 20, share: 1, sourceEventIds: [copyBefore.id] });
    // Stored keyed, like the current set.
    expect((await stored(upload.id))?.previousFingerprints).toHaveLength(20);
    expect((await stored(upload.id))?.previousFingerprints).not.toContain(fingerprint(oldSalt, CUSTOMERS[0]!));
  });

  it('returns the previous set on no route: events, alerts, an alert’s evidence, the employee’s own data', async () => {
    const [alert] = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as { id: string }[];
    expect(alert, 'the lineage alert').toBeDefined();
    const answers = await Promise.all([
      t.request(`/v1/events?employee=${LEAVER}`, { token: ADMIN }), t.request('/v1/alerts', { token: ADMIN }),
      t.request(`/v1/alerts/${alert!.id}`, { token: ADMIN }), t.request('/v1/me/data', { token: device }),
    ].map(async (r) => {
      const response = await r;
      expect(response.status, response.url).toBe(200);
      return response.text();
    }));
    for (const text of answers) {
      expect(text).not.toContain('previousFingerprints');
      expect(text).not.toContain(fingerprint(oldSalt, CUSTOMERS[0]!));
    }
  });

  let copyInWindow: ReturnType<typeof make.copy>;
  it('after the window the old salt is no longer served nor needed: a copy in the window matches a later upload under the new salt alone', async () => {
    t.setNow(at(20));
    copyInWindow = make.copy(LEAVER, at(20).toISOString(), { emailCount: 20, fingerprints: under(newSalt, CUSTOMERS), previousFingerprints: under(oldSalt, CUSTOMERS) });
    await send([copyInWindow]);
    t.setNow(at(95));
    expect((await policy()).previousFingerprintSalt).toBeUndefined();
    expect((await policy()).fingerprintSalt).toBe(newSalt);

    const late = make.upload(LEAVER, at(95).toISOString(), { emailCount: 20, fingerprints: under(newSalt, CUSTOMERS), previousFingerprints: under(oldSalt, CUSTOMERS) });
    await send([late]);
    // A previous set from after the window is dropped, and the match holds without it.
    expect(await stored(late.id)).not.toHaveProperty('previousFingerprints');
    expect(await lineage(late.id)).toMatchObject({ matched: 20, sourceEventIds: [copyInWindow.id] });
  });

  it('forgets the previous salt once its window has closed, and rotates again without force', async () => {
    expect(await t.store.getSetting('fingerprint_salt.rotation')).toContain(oldSalt);
    await purgeExpired(t.app.services);
    expect(await t.store.getSetting('fingerprint_salt.rotation')).not.toContain(oldSalt);
    expect((await t.request('/v1/policy/salt-rotation', { token: ADMIN, json: {} })).status).toBe(201);
    expect((await policy()).previousFingerprintSalt?.salt).toBe(newSalt);
  });
});

describe('rotating the device salt from the policy page', () => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(T0); }, 60_000);
  afterAll(async () => { await t.close(); });

  it('rotates with the form, shows when the previous salt stops being served, never a salt; a second rotation asks for force', async () => {
    await createUser(t, ADMIN, 'ada', 'admin');
    const admin = await signIn(t, { username: 'ada', password: 'ada-password-123' });
    const device = await t.enroll(LEAVER);
    const first = ((await (await t.request('/v1/policy', { token: device })).json()) as DevicePolicy).fingerprintSalt;
    expect(await (await admin.request('/policy')).text()).toContain('Never rotated.');

    const rotated = await admin.request('/policy/salt-rotation', { form: {} });
    expect(rotated.status).toBe(200);
    const page = await rotated.text();
    expect(page).toContain(`the previous salt is served until ${at(90).toISOString()}`);
    const served = (await (await t.request('/v1/policy', { token: device })).json()) as DevicePolicy;
    for (const salt of [first, served.fingerprintSalt]) expect(page).not.toContain(salt);
    expect((await t.store.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'policy.rotate_fingerprint_salt', actor: 'user:ada', details: { via: 'console' } });

    const again = await admin.request('/policy/salt-rotation', { form: {} });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('send force: true');
    const forced = await admin.request('/policy/salt-rotation', { form: { force: '1' } });
    expect(forced.status).toBe(200);
    expect(((await (await t.request('/v1/policy', { token: device })).json()) as DevicePolicy).previousFingerprintSalt?.salt).toBe(served.fingerprintSalt);
    expect((await t.store.listAudit({ limit: 1 }))[0]).toMatchObject({ details: { endedOpenWindow: true } });
    // Without the form's CSRF token nothing happens.
    expect((await admin.request('/policy/salt-rotation', { form: { force: '1' }, csrf: false })).status).toBe(403);
  });
});
