import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, make, testApp, type TestApp } from './harness';
import { createUser, signIn } from './console-session';

const EMPLOYEE = 'anna@acme.example';
const START = new Date('2026-11-02T10:00:00Z');

/** Tamper and coverage signals (agent.tamper): stored, listed per device, shown on the employee page. */
describe('protection signals', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(START); });
  afterEach(async () => { await t.close(); });

  const tamper = (signal: string, detail: string) => ({ id: randomUUID(), type: 'agent.tamper', occurredAt: START.toISOString(), employee: EMPLOYEE, origin: 'https://acme.lightning.force.com', signal, detail });

  it('stores them, lists them with their device and shows them on the employee page without the addresses a pseudonym hides', async () => {
    const token = await t.enroll(EMPLOYEE);
    const posted = await t.request('/v1/events', { token, json: { events: [
      make.export(EMPLOYEE, '2026-11-02T08:00:00Z'),
      tamper('channel_tampering', 'a second channel was offered after the first'),
      tamper('identity_change', 'this browser now reports as bob@acme.example instead of anna@acme.example'),
    ] } });
    expect(posted.status).toBe(200);

    const { devices } = (await (await t.request('/v1/devices', { token: ADMIN })).json()) as { devices: { tamperSignals: { signal: string }[] }[] };
    expect(devices[0]!.tamperSignals.map((s) => s.signal).sort()).toEqual(['channel_tampering', 'identity_change']);
    const stored = (await (await t.request(`/v1/events?type=agent.tamper&employee=${EMPLOYEE}`, { token: ADMIN })).json()) as { events: unknown[] };
    expect(stored.events).toHaveLength(2);

    await createUser(t, ADMIN, 'sam', 'security');
    const security = await signIn(t, { username: 'sam', password: 'sam-password-123' });
    const [, pid] = /href="\/employees\/([0-9A-F-]{14})"/.exec(await (await security.request('/employees')).text())!;
    const page = await (await security.request(`/employees/${pid}`)).text();
    expect(page).toContain('Coverage and tampering');
    expect(page).toContain('A page spoke on the extension’s private channel');
    expect(page).toContain('this browser now reports as (an address) instead of (an address)');
    expect(page).not.toContain('@acme.example');
    expect(page).toContain('reporting');
  });
});
