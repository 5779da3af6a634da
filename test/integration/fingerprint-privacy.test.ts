import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, keyRecordHash } from '../../server/ingest/fingerprint-keying';
import { ADMIN, make, testApp, type TestApp } from './harness';

/** What the extension computes (extension/lib/fingerprint.ts), in Node. */
const fingerprint = (salt: string, email: string) => createHash('sha256').update(`${salt}\n${email}`).digest('hex').slice(0, 16);

const LEAVER = 'erin@acme.example';
/** The customers erin copied: the secret an attacker with a dictionary of addresses is after. */
const CUSTOMERS = Array.from({ length: 30 }, (_, i) => `customer${i}@client${i % 7}.example`);
/** The attacker's dictionary: the real customers among many candidates. */
const DICTIONARY = [...Array.from({ length: 20_000 }, (_, i) => `candidate${i}@client${i % 7}.example`), ...CUSTOMERS];

describe('fingerprints nobody can reverse', () => {
  let t: TestApp;
  let salt: string;
  let sent: string[];
  let recordHash: string;

  beforeAll(async () => {
    t = await testApp(new Date('2026-11-02T10:00:00Z'));
    const device = await t.enroll(LEAVER);
    salt = ((await (await t.request('/v1/policy', { token: device })).json()) as { fingerprintSalt: string }).fingerprintSalt;
    sent = CUSTOMERS.map((c) => fingerprint(salt, c)).sort();
    recordHash = fingerprint(salt, 'salesforce:003XYZ');
    const view = { id: randomUUID(), type: 'crm.record_view', occurredAt: '2026-11-02T07:00:00Z', employee: LEAVER, origin: 'https://acme.lightning.force.com', crm: 'salesforce', objectType: 'Contact', recordHash };
    const events = [view, make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: sent }), make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: sent, emailCount: 30 })];
    const response = await t.request('/v1/events', { token: device, json: { events } });
    expect(response.status, await response.clone().text()).toBe(200);
    await t.settle();
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('stores only keyed fingerprints: a database dump and a device salt reverse none of them', async () => {
    const stored = (await t.store.eventsWithFingerprints(LEAVER, ['crm.export', 'webmail.upload'], '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z'))
      .flatMap((e) => ('fingerprints' in e ? e.fingerprints : []));
    expect(stored).toHaveLength(60);
    const dictionary = new Map(DICTIONARY.map((address) => [fingerprint(salt, address), address]));
    expect(stored.filter((fp) => dictionary.has(fp)), 'addresses recovered from the dump').toEqual([]);
    // Only with the key, which is not in the database, do the stored values mean anything.
    expect(new Set(stored)).toEqual(new Set(sent.map((fp) => keyFingerprint(t.secrets.fingerprintKey, fp))));
  });

  it('still finds the lineage: the upload carries the contacts of the export', async () => {
    const alerts = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as { pattern: string }[];
    expect(alerts.map((a) => a.pattern)).toContain('crm_contacts_exfiltrated');
  });

  it('returns no fingerprint, raw or keyed, on any route', async () => {
    const keyed = [...sent.map((fp) => keyFingerprint(t.secrets.fingerprintKey, fp)), recordHash, keyRecordHash(t.secrets.fingerprintKey, recordHash)];
    const alertId = ((await (await t.request('/v1/alerts', { token: ADMIN })).json()) as { id: string }[])[0]!.id;
    const seen = new Set<string>();
    const leaks: string[] = [];
    for (const route of t.app.routes.filter((r) => r.method === 'GET' && !seen.has(r.path) && seen.add(r.path))) {
      const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => (name === 'email' ? LEAVER : name === 'id' ? alertId : 'x'));
      const text = await (await t.request(path, { token: ADMIN })).text();
      for (const fp of [...sent, ...keyed]) if (text.includes(fp)) leaks.push(`${route.path} returns ${fp}`);
      // The OpenAPI document describes what devices send, fingerprints included; it holds no values.
      if (route.path !== '/v1/openapi.json' && /"(fingerprints|recordHash)"/.test(text)) leaks.push(`${route.path} has a fingerprint field`);
    }
    expect(leaks).toEqual([]);
  });
});
