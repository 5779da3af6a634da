import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryDispatcher } from '../../server/integrations/dispatcher';
import { verifyWebhook } from '../../server/integrations/webhook';
import { pseudonym } from '../../server/people/pseudonyms';
import type { Alert } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';
import { OCSF_ATTRIBUTES, unknownOcsfFields } from './ocsf-schema';
import { httpReceiver, octetCounted, tcpReceiver, udpReceiver } from './receivers';

const LEAVER = 'boris@acme.example';
const NOW = new Date('2026-11-02T10:00:00Z');
const SECRET = 'whsec_0123456789abcdef';

describe('alert integrations against real receivers', () => {
  let t: TestApp;
  let token: string;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    t = await testApp(NOW);
    token = await t.enroll(LEAVER);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await t.close();
  });

  const configure = async (config: unknown) => {
    const response = await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: config });
    expect(response.status, await response.clone().text()).toBe(200);
    return response.json();
  };
  const leak = () => {
    const contacts = fingerprints(60);
    return [make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 60 })];
  };
  const post = (events: unknown[]) => t.request('/v1/events', { token, json: { events } });

  it('sends a new alert as a signed webhook, a Splunk HEC event, OCSF findings and CEF over UDP syslog, by pseudonym; unchanged evidence sends nothing', async () => {
    const name = pseudonym(await t.app.services.pseudonymKey(), LEAVER);
    const webhook = await httpReceiver();
    const splunk = await httpReceiver(() => ({ status: 200, body: '{"text":"Success","code":0}' }));
    const ocsf = await httpReceiver();
    const syslog = await udpReceiver();
    closers.push(webhook.close, splunk.close, ocsf.close, syslog.close);
    await configure({
      webhook: { enabled: true, url: `${webhook.url}/hooks/crm`, secret: SECRET },
      splunk: { enabled: true, url: splunk.url, token: 'hec-token-1', index: 'security' },
      ocsf: { enabled: true, url: `${ocsf.url}/ocsf`, token: 'ocsf-token' },
      syslog: { enabled: true, host: '127.0.0.1', port: syslog.port, transport: 'udp' },
    });
    const events = leak();
    expect((await post(events)).status).toBe(200);
    const dispatcher = new DeliveryDispatcher(t.app.services);
    // One case (the lineage incident, the departure risk inside it), four integrations.
    expect(await dispatcher.runOnce()).toEqual({ sent: 4, failed: 0, dead: 0 });

    expect(webhook.received).toHaveLength(1);
    for (const request of webhook.received) {
      expect(request.path).toBe('/hooks/crm');
      const headers = { signature: request.headers['x-crmguard-signature'] as string, timestamp: request.headers['x-crmguard-timestamp'] as string };
      expect(verifyWebhook(SECRET, headers, request.body, NOW.getTime() / 1000)).toBeUndefined();
      expect(verifyWebhook('another-secret-entirely', headers, request.body, NOW.getTime() / 1000)).toBe('signature mismatch');
      expect(verifyWebhook(SECRET, headers, request.body, NOW.getTime() / 1000 + 3600)).toMatch(/replay/);
      expect(verifyWebhook(SECRET, headers, request.body.replace('"alert.', '"alarm.'), NOW.getTime() / 1000)).toBe('signature mismatch');
      expect(request.body, 'no address leaves the server by default').not.toContain('@');
    }
    const bodies = webhook.received.map((r) => JSON.parse(r.body) as { type: string; alert: Alert; uploads: { fileName: string; fingerprints: string[] }[] });
    const lineage = bodies.find((b) => b.alert.pattern === 'crm_contacts_exfiltrated')!;
    expect(lineage).toMatchObject({ type: 'alert.create', alert: { employee: name, severity: 'critical', status: 'open' } });
    expect(lineage.uploads).toHaveLength(1);
    expect(lineage.uploads[0]).toMatchObject({ fileName: 'contacts.csv', employee: name });
    expect(lineage.uploads[0]).not.toHaveProperty('fingerprints');

    expect(splunk.received.map((r) => [r.path, r.headers.authorization])).toEqual([['/services/collector/event', 'Splunk hec-token-1']]);
    const hec = JSON.parse(splunk.received[0]!.body) as Record<string, unknown>;
    expect(hec).toMatchObject({ source: 'crm-guard', sourcetype: 'crmguard:alert', index: 'security', event: { type: 'alert.create' } });
    expect(typeof hec.time).toBe('number');

    expect(ocsf.received.every((r) => r.headers.authorization === 'Bearer ocsf-token')).toBe(true);
    const batches = ocsf.received.map((r) => JSON.parse(r.body) as Record<string, unknown>[]);
    const withUpload = batches.find((b) => (b[0] as { finding_info: { types: string[] } }).finding_info.types[0] === 'crm_contacts_exfiltrated')!;
    expect(withUpload).toHaveLength(2);
    expect(withUpload[0]).toMatchObject({ class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200401, severity_id: 5, status_id: 1, finding_info: { types: ['crm_contacts_exfiltrated'] } });
    expect(withUpload[1]).toMatchObject({ class_uid: 6006, category_uid: 6, activity_id: 1, type_uid: 600601, actor: { user: { email_addr: name } }, file: { name: 'contacts.csv', size: 2048, type_id: 1 }, dst_endpoint: { hostname: 'mail.google.com', svc_name: 'gmail' } });
    for (const event of batches.flat()) expect(unknownOcsfFields(event, OCSF_ATTRIBUTES)).toEqual([]);

    // A datagram may still be in the loopback when the sender is done.
    await expect.poll(() => syslog.received.length, { timeout: 10_000 }).toBe(1);
    expect(syslog.received.every((m) => /^<3[45]>1 \S+ \S+ crm-guard \d+ alert - CEF:0\|crm-guard\|crm-guard\|0\.1\.0\|/.test(m))).toBe(true);
    expect(syslog.received.join('\n')).toContain(`suser=${name}`);
    expect(ocsf.received.map((r) => r.body).join('') + syslog.received.join('')).not.toContain('@');

    // The same batch again (a resend): the alerts are re-evaluated but nothing changed, so nothing is sent.
    expect((await post(events)).status).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });

    // Triage is news: dismissing sends a Close.
    const alertId = lineage.alert.id;
    const patch = await t.request(`/v1/alerts/${alertId}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed', reason: 'approved <b>transfer</b>' } });
    expect(patch.status).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 4, failed: 0, dead: 0 });
    expect(JSON.parse(webhook.received[1]!.body)).toMatchObject({ type: 'alert.close', alert: { id: alertId, status: 'dismissed' } });
    expect(JSON.parse(ocsf.received[1]!.body)[0]).toMatchObject({ activity_id: 3, type_uid: 200403, status_id: 3, is_alert: false });
  }, 30_000);

  it('sends CEF over TCP syslog: RFC 5424 octet-counted, RFC 3164 ended by a line feed', async () => {
    const tcp = await tcpReceiver();
    closers.push(tcp.close);
    await configure({ syslog: { enabled: true, host: '127.0.0.1', port: tcp.port, transport: 'tcp', format: 'rfc5424' } });
    await post(leak());
    const dispatcher = new DeliveryDispatcher(t.app.services);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    await expect.poll(() => tcp.streams.length, { timeout: 10_000 }).toBe(1);
    const messages = tcp.streams.flatMap(octetCounted);
    expect(messages).toHaveLength(1);
    expect(messages.every((m) => m.startsWith('<3') && m.includes(' - CEF:0|crm-guard|'))).toBe(true);

    await configure({ syslog: { enabled: true, host: '127.0.0.1', port: tcp.port, transport: 'tcp', format: 'rfc3164' } });
    const alert = ((await (await t.request('/v1/alerts?status=open', { token: ADMIN })).json()) as Alert[])[0]!;
    await t.request(`/v1/alerts/${alert.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'investigating', assignee: 'sec|ops=1' } });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
    await expect.poll(() => tcp.streams.length, { timeout: 10_000 }).toBe(2);
    expect(tcp.streams[1]).toMatch(/^<3\d>Nov  2 10:00:00 \S+ crm-guard: CEF:0\|.*cs1=sec\|ops\\=1 .*\n$/s);
  }, 30_000);

  it('never returns secrets, keeps them when an update leaves them out, and wants them for a new integration', async () => {
    const view = await configure({ webhook: { enabled: true, url: 'https://siem.example/hook', secret: SECRET }, splunk: { enabled: false, url: 'https://splunk.example:8088', token: 'hec-secret-token' } });
    expect(view).toEqual({
      webhook: { enabled: true, url: 'https://siem.example/hook', secretSet: true },
      splunk: { enabled: false, url: 'https://splunk.example:8088', sourcetype: 'crmguard:alert', tokenSet: true },
      maxAttempts: 8,
      namesInPayloads: false,
    });
    const got = await (await t.request('/v1/integrations', { token: ADMIN })).text();
    expect(got).not.toContain(SECRET);
    expect(got).not.toContain('hec-secret-token');
    await configure({ webhook: { enabled: true, url: 'https://siem.example/other' }, splunk: { enabled: true, url: 'https://splunk.example:8088' }, maxAttempts: 3 });
    const stored = JSON.parse((await t.store.getSetting('integrations'))!);
    expect(stored).toMatchObject({ webhook: { url: 'https://siem.example/other', secret: SECRET }, splunk: { enabled: true, token: 'hec-secret-token' }, maxAttempts: 3 });

    await configure({});
    const fresh = await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: { webhook: { enabled: true, url: 'https://siem.example/hook' } } });
    expect(fresh.status).toBe(400);
    expect(await fresh.json()).toMatchObject({ error: { code: 'invalid_input', details: { fields: [{ path: 'webhook.secret' }] } } });
    const bad = await t.request('/v1/integrations', { method: 'PUT', token: ADMIN, json: { webhook: { enabled: true, url: 'ftp://x', secret: 'short' } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { fields: { path: string }[] } } }).error.details.fields.map((f) => f.path).sort()).toEqual(['webhook.secret', 'webhook.url']);
    expect((await t.request('/v1/integrations', { token: 'nope' })).status).toBe(401);
  });

  it('names people in payloads only when an admin chose it, and that choice is on the record', async () => {
    const webhook = await httpReceiver();
    closers.push(webhook.close);
    await configure({ webhook: { enabled: true, url: webhook.url, secret: SECRET }, namesInPayloads: true });
    await post(leak());
    await new DeliveryDispatcher(t.app.services).runOnce();
    expect(webhook.received.length).toBeGreaterThan(0);
    expect(webhook.received.every((r) => r.body.includes(LEAVER))).toBe(true);
    const records = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; details: { namesInPayloads?: boolean } }[];
    expect(records.find((r) => r.action === 'integrations.update')?.details).toMatchObject({ namesInPayloads: true });
  }, 30_000);
});
