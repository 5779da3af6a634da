import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../server/integrations/payload';
import { sendWebhook, signWebhook } from '../../server/integrations/webhook';

const SECRET = 'whsec_readme-example-secret';
const payload: AlertPayload = {
  activity: 'create',
  uploads: [],
  alert: {
    id: 'alert-1', employee: 'boris@acme.example', pattern: 'crm_contacts_exfiltrated', severity: 'critical', status: 'open', title: '60 CRM contacts sent to gmail',
    eventIds: ['e1'], triggerIds: ['e1'], details: {}, assignee: null, reason: null, createdAt: '2026-11-02T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z',
    patterns: [{ pattern: 'crm_contacts_exfiltrated', severity: 'critical', title: '60 CRM contacts sent to gmail' }], score: 91, triagedAt: null,
  },
};

/** The documented receiver (docs/integrations.md, docs/examples/webhook-receiver.mjs), run for real: the documented check must accept us and refuse forgeries. */
describe('the documented webhook receiver', () => {
  let child: ChildProcess | undefined;
  afterEach(() => { child?.kill(); });

  it('accepts a signed delivery once, and refuses a wrong signature, a tampered body and a stale timestamp', async () => {
    child = spawn(process.execPath, ['docs/examples/webhook-receiver.mjs'], { env: { ...process.env, PORT: '0', CRMGUARD_WEBHOOK_SECRET: SECRET } });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 10_000 }).toMatch(/listening on \d+/);
    const url = `http://127.0.0.1:${/listening on (\d+)/.exec(output)![1]}/`;

    await sendWebhook({ url, secret: SECRET }, 'delivery-1', payload, new Date());
    await sendWebhook({ url, secret: SECRET }, 'delivery-1', payload, new Date());
    await expect.poll(() => output, { timeout: 10_000 }).toContain('verified alert.create alert-1 critical boris@acme.example');
    expect(output.match(/verified/g)).toHaveLength(1);

    await expect(sendWebhook({ url, secret: 'whsec_some-other-secret' }, 'delivery-2', payload, new Date())).rejects.toThrow(/answered 401/);
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'alert.create', alert: payload.alert });
    const post = (timestamp: number, signed: string, sent = signed) => fetch(url, {
      method: 'POST', body: sent,
      headers: { 'x-crmguard-timestamp': String(timestamp), 'x-crmguard-signature': signWebhook(SECRET, timestamp, signed), 'x-crmguard-delivery': 'delivery-3' },
    });
    expect((await post(now, body, body.replace('critical', 'low'))).status).toBe(401);
    expect((await post(now - 600, body)).status).toBe(401);
    expect((await post(now, body)).status).toBe(204);
  }, 30_000);
});
