import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCheckpoints } from '../../server/audit/checkpoint';
import { DeliveryDispatcher } from '../../server/integrations/dispatcher';
import { verifyWebhook } from '../../server/integrations/webhook';
import { ADMIN, testApp, type TestApp } from './harness';
import { httpReceiver } from './receivers';

const NOW = new Date('2026-11-02T10:00:00Z');
const SECRET = 'whsec_0123456789abcdef';

describe('audit checkpoints reach the outputs through the retried delivery outbox', () => {
  let t: TestApp;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => { t = await testApp(NOW); });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await t.close();
  });

  it('a webhook that fails twice, then recovers, receives the signed checkpoint; nothing is sent twice', async () => {
    let refusals = 2;
    const webhook = await httpReceiver(() => (refusals-- > 0 ? { status: 503, body: '{"error":"down for maintenance"}' } : { status: 200, body: '{}' }));
    closers.push(webhook.close);
    const configured = await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: { webhook: { enabled: true, url: webhook.url, secret: SECRET } } });
    expect(configured.status, await configured.clone().text()).toBe(200);

    const checkpoint = await t.app.services.auditCheckpoints.checkpoint();
    expect(checkpoint).toBeDefined();
    const dispatcher = new DeliveryDispatcher(t.app.services, { backoffBaseMs: 60_000, random: () => 1 });

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
    // Not due before its backoff.
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    t.setNow(new Date(NOW.getTime() + 60_000));
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
    t.setNow(new Date(NOW.getTime() + 3 * 60_000));
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });

    expect(webhook.received).toHaveLength(3);
    const delivered = webhook.received.at(-1)!;
    const headers = { signature: delivered.headers['x-crmguard-signature'] as string, timestamp: delivered.headers['x-crmguard-timestamp'] as string };
    expect(verifyWebhook(SECRET, headers, delivered.body, Math.floor(t.app.services.now().getTime() / 1000))).toBeUndefined();
    // The checkpoint the file holds, unchanged by the retries, under one delivery id.
    const [kept] = readCheckpoints(path.join(t.dir, 'audit-checkpoints.jsonl'), t.secrets.auditKey).checkpoints;
    expect(JSON.parse(delivered.body)).toEqual({ type: 'audit.checkpoint', checkpoint: kept });
    expect(new Set(webhook.received.map((r) => r.headers['x-crmguard-delivery']))).toEqual(new Set([`checkpoint-${checkpoint!.seq}`]));
    expect(await t.store.outbox.counts()).toEqual({ pending: 0, dead: 0 });
  });

  it('a checkpoint that keeps failing becomes a dead letter that names it, and is sent once retried', async () => {
    let up = false;
    const webhook = await httpReceiver(() => (up ? { status: 200, body: '{}' } : { status: 500, body: '{}' }));
    closers.push(webhook.close);
    await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: { webhook: { enabled: true, url: webhook.url, secret: SECRET }, maxAttempts: 2 } });
    const checkpoint = await t.app.services.auditCheckpoints.checkpoint();
    const dispatcher = new DeliveryDispatcher(t.app.services, { backoffBaseMs: 1_000, random: () => 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    t.setNow(new Date(NOW.getTime() + 5_000));
    expect(await dispatcher.runOnce()).toMatchObject({ dead: 1 });
    const [dead] = await t.store.outbox.deadLetters(10);
    expect(dead).toMatchObject({ alertId: `audit-checkpoint:${checkpoint!.seq}`, integration: 'webhook' });
    // The console names it as a checkpoint, not as an alert that does not exist.
    const page = await (await t.request('/dead-letters', { token: ADMIN })).text();
    expect(page).toContain(`Audit checkpoint at record ${checkpoint!.seq}`);
    expect(page).not.toContain('href="/alerts/audit-checkpoint');

    up = true;
    expect(await t.store.outbox.retryDead(undefined, t.app.services.now().toISOString())).toBe(1);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(JSON.parse(webhook.received.at(-1)!.body)).toMatchObject({ type: 'audit.checkpoint', checkpoint: { seq: checkpoint!.seq } });
  });
});
