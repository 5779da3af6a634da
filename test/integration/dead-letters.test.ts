import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { announceAlert } from '../../server/integrations/announce';
import { DeliveryDispatcher } from '../../server/integrations/dispatcher';
import { hashToken } from '../../server/auth/secrets';
import { openSqliteStore } from '../../server/store/sqlite';
import type { DeadLetter } from '../../shared/integrations';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';
import { httpReceiver } from './receivers';

const LEAVER = 'boris@acme.example';
const NOW = new Date('2026-11-02T10:00:00Z');
const SECRET = 'whsec_0123456789abcdef';

describe('retries, backoff and dead letters', () => {
  let t: TestApp;
  let failing = true;
  let receiver: Awaited<ReturnType<typeof httpReceiver>>;
  beforeEach(async () => {
    failing = true;
    receiver = await httpReceiver(() => (failing ? { status: 503, body: '<h1>down</h1>' } : { status: 204, body: '' }));
    t = await testApp(NOW);
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  it('backs off exponentially, gives up after maxAttempts, lists the dead letters and sends them again on request', async () => {
    await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: { webhook: { enabled: true, url: receiver.url, secret: SECRET }, maxAttempts: 3 } });
    const token = await t.enroll(LEAVER);
    const contacts = fingerprints(40);
    await t.request('/v1/events', { token, json: { events: [make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts })] } });
    // A second person's case: two deliveries to watch back off (one person's incident is one alert).
    const other = 'carla@acme.example';
    await t.request('/v1/events', { token: await t.enroll(other), json: { events: [make.export(other, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(other, '2026-11-02T09:00:00Z', { fingerprints: contacts })] } });
    await t.settle();
    // random() = 1: each delay is its full ceiling, 1 s then 2 s.
    const dispatcher = new DeliveryDispatcher(t.app.services, { backoffBaseMs: 1000, random: () => 1 });
    const at = (ms: number) => t.setNow(new Date(NOW.getTime() + ms));

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 2, dead: 0 });
    at(999);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    at(1000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 2, dead: 0 });
    at(2999);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    at(3000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 2 });
    expect(receiver.received).toHaveLength(6);
    at(3_600_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });

    const listed = (await (await t.request('/v1/dead-letters', { token: ADMIN })).json()) as { deadLetters: DeadLetter[] };
    expect(listed.deadLetters).toHaveLength(2);
    expect(listed.deadLetters[0]).toMatchObject({ integration: 'webhook', attempts: 3, lastError: expect.stringContaining('answered 503: <h1>down</h1>') });

    const page = await t.request('/dead-letters', { token: ADMIN });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Dead letters (2)');
    expect(html).toContain(`href="/alerts/${listed.deadLetters[0]!.alertId}"`);
    expect(html).toContain('&lt;h1&gt;down&lt;/h1&gt;');
    expect(html).not.toContain('<h1>down</h1>');

    const metrics = await (await t.request('/metrics', { token: ADMIN })).text();
    expect(metrics).toContain('crmguard_deliveries_total{integration="webhook",outcome="failed"} 4');
    expect(metrics).toContain('crmguard_deliveries_total{integration="webhook",outcome="dead"} 2');
    expect(metrics).toContain('crmguard_deliveries_dead 2');

    failing = false;
    const retryOne = await t.request('/v1/dead-letters/retry', { token: ADMIN, json: { ids: [listed.deadLetters[0]!.id] } });
    expect(await retryOne.json()).toEqual({ retried: 1 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect((await t.request('/v1/dead-letters/retry', { token: ADMIN, json: { ids: ['no-such-letter'] } })).status).toBe(404);
    expect(await (await t.request('/v1/dead-letters/retry', { token: ADMIN, json: {} })).json()).toEqual({ retried: 1 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(((await (await t.request('/v1/dead-letters', { token: ADMIN })).json()) as { deadLetters: DeadLetter[] }).deadLetters).toEqual([]);
    expect(await (await t.request('/metrics', { token: ADMIN })).text()).toContain('crmguard_deliveries_total{integration="webhook",outcome="sent"} 2');
  });

  it('lets admin and security in, no one else; a browser without a session is sent to sign in', async () => {
    for (const role of ['security', 'hr', 'auditor'] as const) await t.store.addApiToken(hashToken(`tok_${role}`), role, role);
    expect((await t.request('/v1/dead-letters', { token: 'tok_security' })).status).toBe(200);
    expect((await t.request('/v1/dead-letters', { token: 'tok_hr' })).status).toBe(403);
    expect((await t.request('/v1/dead-letters', { token: 'tok_auditor' })).status).toBe(403);
    expect((await t.request('/v1/dead-letters')).status).toBe(401);
    expect((await t.request('/v1/integrations', { token: 'tok_security' })).status).toBe(403);
    const page = await t.request('/dead-letters');
    expect([page.status, page.headers.get('location')]).toEqual([302, '/login']);
  });
});

describe('the outbox across a restart', () => {
  it('delivers after a restart what was queued before it, while the receiver was unreachable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-outbox-'));
    const file = path.join(dir, 'crm-guard.db');
    const secrets = { enrollmentToken: 'enr_x', fingerprintSalt: 'salt-salt-salt-salt', fingerprintKey: 'fingerprint-key-of-this-test-0123456789', auditKey: 'audit-key-of-this-test-0123456789abcdef' };
    const receiver = await httpReceiver();
    try {
      const before = await openSqliteStore(file);
      await before.setSetting('integrations', JSON.stringify({ webhook: { enabled: true, url: receiver.url, secret: SECRET } }));
      const alert = (await before.upsertOpenAlert({ employee: LEAVER, pattern: 'departure_risk', severity: 'high', title: 'High', eventIds: [], triggerIds: ['level:high'], details: {} }, NOW.toISOString()))!;
      await announceAlert(before, alert, NOW);
      // The process stops before any dispatcher ran.
      await before.close();

      const after = await openSqliteStore(file);
      const dispatcher = new DeliveryDispatcher(createApp({ store: after, secrets, now: () => NOW }).services);
      expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'alert.create', alert: { id: alert.id } });
      await after.close();
    } finally {
      await receiver.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
