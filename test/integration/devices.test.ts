import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uninstallProof } from '../../server/routes/devices';
import { hashToken } from '../../server/auth/secrets';
import { ADMIN, testApp, type TestApp } from './harness';

const EMPLOYEE = 'anna@acme.example';
const START = new Date('2026-11-02T10:00:00Z');

describe('device coverage', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(START); });
  afterEach(async () => { await t.close(); });

  const devices = async (query = '') => (await (await t.request(`/v1/devices${query}`, { token: ADMIN })).json()) as { silentAfterHours: number; devices: Record<string, unknown>[] };
  const agentEvent = (type: string, extra: Record<string, unknown>) => ({ id: randomUUID(), type, occurredAt: START.toISOString(), employee: EMPLOYEE, origin: 'chrome-extension://abc', extensionVersion: '0.2.0', ...extra });

  it('shows version, incognito access and the first-run acknowledgement from the device’s own events', async () => {
    const token = await t.enroll(EMPLOYEE);
    const posted = await t.request('/v1/events', { token, json: { events: [
      agentEvent('agent.heartbeat', { queueDepth: 0, incognitoAllowed: true }),
      agentEvent('agent.notice_acknowledged', { noticeVersion: '1' }),
    ] } });
    expect(posted.status).toBe(200);
    const [device] = (await devices()).devices;
    expect(device).toMatchObject({ employee: EMPLOYEE, extensionVersion: '0.2.0', incognitoAllowed: true, noticeAcknowledgedAt: START.toISOString(), status: 'active', uninstalledAt: null });
  });

  it('marks a device silent after the policy’s period without a word, and active again when it reports', async () => {
    const token = await t.enroll(EMPLOYEE);
    expect((await devices()).devices[0]!.status).toBe('active');
    t.setNow(new Date(START.getTime() + 73 * 3_600_000));
    expect(await devices('?status=silent')).toMatchObject({ silentAfterHours: 72, devices: [{ employee: EMPLOYEE, status: 'silent' }] });

    await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { coverage: { silentAfterHours: 96 } } });
    expect((await devices()).devices[0]!.status).toBe('active');
    t.setNow(new Date(START.getTime() + 100 * 3_600_000));
    expect((await devices()).devices[0]!.status).toBe('silent');
    await t.request('/v1/events', { token, json: { events: [agentEvent('agent.heartbeat', { queueDepth: 0 })] } });
    expect((await devices()).devices[0]!.status).toBe('active');
  });

  it('records a removal reported with the device’s proof, and refuses a forged one', async () => {
    const token = await t.enroll(EMPLOYEE);
    const id = (await devices()).devices[0]!.id as string;
    const forged = await t.request(`/v1/devices/${id}/uninstalled?proof=${'0'.repeat(64)}`);
    expect(forged.status).toBe(403);
    expect((await t.request(`/v1/devices/${randomUUID()}/uninstalled?proof=${uninstallProof(hashToken(token))}`)).status).toBe(403);
    expect((await devices()).devices[0]!.status).toBe('active');

    const removed = await t.request(`/v1/devices/${id}/uninstalled?proof=${uninstallProof(hashToken(token))}`);
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('crm-guard was removed');
    expect((await devices(`?employee=${EMPLOYEE}`)).devices[0]).toMatchObject({ status: 'uninstalled', uninstalledAt: START.toISOString() });
    expect((await t.request('/v1/devices')).status).toBe(401);
  });
});
