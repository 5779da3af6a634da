import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshStaleScores } from '../../server/scoring/schedule';
import type { Alert } from '../../server/store/store';
import type { EmployeeRisk } from '../../shared/risk';
import { ADMIN, ENROLL, fingerprints, make, testApp, type TestApp } from './harness';

const WHO = 'vera@acme.example';
const START = new Date('2026-11-02T10:00:00Z');

describe('hardening', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await testApp(START);
    token = await t.enroll(WHO);
  });
  afterEach(async () => { await t.close(); });

  it('lets scores decay when an employee goes quiet', async () => {
    await t.request('/v1/events', { token, json: { events: [make.export(WHO, '2026-11-02T09:00:00Z', { rows: 5000 }), make.copy(WHO, '2026-11-02T09:10:00Z')] } });
    const before = (await t.store.risk(WHO))!;
    expect(before.score).toBeGreaterThan(0);

    t.setNow(new Date('2026-11-16T10:00:00Z'));
    expect(await refreshStaleScores(t.app.services)).toBe(1);
    const twoWeeks = (await t.store.risk(WHO))!;
    expect(twoWeeks.score).toBeLessThan(before.score / 2);

    t.setNow(new Date('2027-01-02T10:00:00Z'));
    const detail = (await (await t.request(`/v1/employees/${WHO}`, { token: ADMIN })).json()) as EmployeeRisk;
    expect(detail).toMatchObject({ score: 0, level: 'low', updatedAt: '2027-01-02T10:00:00.000Z' });
  });

  it('refuses events dated more than a day ahead, naming the field', async () => {
    const response = await t.request('/v1/events', { token, json: { events: [make.copy(WHO, '2026-11-04T10:00:00Z')] } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: { fields: [{ path: 'events.0.occurredAt' }] } } });
  });

  it('takes files larger than a gigabyte', async () => {
    const response = await t.request('/v1/events', { token, json: { events: [make.upload(WHO, '2026-11-02T09:00:00Z', { sizeBytes: 5 * 1024 ** 3 })] } });
    expect(await response.json()).toEqual({ accepted: 1, duplicate: 0 });
  });

  it('keeps the fingerprint salt for devices only', async () => {
    const forDevice = (await (await t.request('/v1/policy', { token })).json()) as Record<string, unknown>;
    const forPerson = (await (await t.request('/v1/policy', { token: ADMIN })).json()) as Record<string, unknown>;
    expect(forDevice.fingerprintSalt).toBe(t.secrets.fingerprintSalt);
    expect(forPerson).not.toHaveProperty('fingerprintSalt');
  });

  it('answers a JSON route sent another content type with 415, changing nothing', async () => {
    await t.request('/v1/events', { token, json: { events: [make.copy(WHO, '2026-11-02T08:00:00Z'), make.upload(WHO, '2026-11-02T08:10:00Z')] } });
    const [alert] = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as Alert[];
    const response = await t.request(`/v1/alerts/${alert!.id}`, { method: 'PATCH', token: ADMIN, body: '{"status":"resolved"}', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect((await t.store.alert(alert!.id))!.status).toBe('open');
    expect((await t.request('/v1/alerts/%00', { method: 'PATCH', token: ADMIN, json: { status: 'resolved' } })).status).toBe(400);
    expect((await t.request(`/v1/employees/${encodeURIComponent(WHO)}%00`, { token: ADMIN })).status).toBe(400);
  });

  it('refuses to reopen an alert while another of the same pattern is open', async () => {
    await t.request('/v1/events', { token, json: { events: [make.copy(WHO, '2026-11-02T08:00:00Z'), make.upload(WHO, '2026-11-02T08:10:00Z')] } });
    const [first] = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as Alert[];
    await t.request(`/v1/alerts/${first!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'confirmed' } });
    await t.request(`/v1/alerts/${first!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'resolved' } });
    await t.request('/v1/events', { token, json: { events: [make.upload(WHO, '2026-11-02T09:00:00Z')] } });
    await t.settle(); // the second batch came within the coalescing interval
    const reopen = await t.request(`/v1/alerts/${first!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'open' } });
    expect(reopen.status).toBe(409);
    expect(await reopen.json()).toMatchObject({ error: { code: 'conflict', details: { openAlertId: expect.any(String) } } });
  });

  it('refuses U+0000 in stored text with a 400 on both backends, and stores events holding it', async () => {
    const enroll = await t.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail: WHO, device: { name: 'lap\u0000top' } } });
    expect(enroll.status).toBe(400);
    expect(((await enroll.json()) as { error: { details: { fields: { path: string }[] } } }).error.details.fields[0]!.path).toBe('device.name');
    await t.request('/v1/events', { token, json: { events: [make.copy(WHO, '2026-11-02T08:00:00Z'), make.upload(WHO, '2026-11-02T08:10:00Z')] } });
    const [alert] = await t.store.listAlerts({});
    expect(alert).toBeDefined();
    const patch = await t.request(`/v1/alerts/${alert!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed', reason: 'ok\u0000' } });
    expect(patch.status).toBe(400);
    expect((await t.store.alert(alert!.id))!.status).toBe('open');
    expect((await t.request('/v1/alerts/%00', { method: 'PATCH', token: ADMIN, json: { status: 'resolved' } })).status).toBe(400);
    expect((await t.request(`/v1/employees/${encodeURIComponent(WHO)}%00`, { token: ADMIN })).status).toBe(400);
    // Event bodies are JSON, where U+0000 is escaped: kept exactly.
    const odd = make.export(WHO, '2026-11-02T09:20:00Z', { fileName: 'a\u0000b.csv' });
    expect((await t.request('/v1/events', { token, json: { events: [odd] } })).status).toBe(200);
    expect((await t.store.listEvents({ limit: 10 })).find((s) => s.event.id === odd.id)!.event).toMatchObject({ fileName: 'a\u0000b.csv' });
  });

  it('refuses cookie-authenticated writes from another origin', async () => {
    const login = await t.app.request('http://localhost/login', { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ADMIN}` });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const hr = { employeeEmail: WHO, kind: 'resignation_notice', effectiveDate: '2026-11-01' };
    const post = (origin?: string) => t.app.request('http://localhost/v1/hr/signals', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(hr),
    });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post()).status).toBe(403);
    expect((await post('http://localhost')).status).toBe(201);
    // Reading with the cookie needs no Origin.
    expect((await t.app.request('http://localhost/v1/employees', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a wrong sign-in token on the login form', async () => {
    const response = await t.app.request('http://localhost/login', { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=wrong' });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('That token is not valid.');
  });
});

describe('enrollment domains', () => {
  it('enrolls only the deployment’s e-mail domains when they are configured', async () => {
    const t = await testApp(START, { employeeDomains: ['acme.example'] });
    try {
      const enroll = (employeeEmail: string) => t.request('/v1/enroll', { json: { enrollmentToken: ENROLL, employeeEmail, device: {} } });
      expect((await enroll('ok@acme.example')).status).toBe(201);
      const outsider = await enroll('someone@gmail.com');
      expect(outsider.status).toBe(403);
      expect(await outsider.json()).toMatchObject({ error: { code: 'domain_not_allowed' } });
    } finally {
      await t.close();
    }
  });
});

describe('risk model settings in the policy', () => {
  it('looks for lineage over the policy’s window, not the default 30 days', async () => {
    const t = await testApp(new Date('2026-11-02T10:00:00Z'));
    try {
      const token = await t.enroll(WHO);
      expect((await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { risk: { windowDays: 60 } } })).status).toBe(200);
      const contacts = fingerprints(40);
      // Copied 45 days before the upload: outside the default window, inside the policy's.
      await t.request('/v1/events', { token, json: { events: [make.copy(WHO, '2026-09-18T09:00:00Z', { fingerprints: contacts })] } });
      const upload = make.upload(WHO, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 40 });
      await t.request('/v1/events', { token, json: { events: [upload] } });
      await t.settle();
      expect((await t.store.scoringData([WHO], { dailySince: '2026-09-01', eventsSince: '2026-09-01T00:00:00Z' })).get(WHO)?.lineage.get(upload.id)).toMatchObject({ matched: 40, share: 1 });
    } finally {
      await t.close();
    }
  });

  it('applies an administrator’s weights to the next scores, and refuses nonsense', async () => {
    const t = await testApp(START);
    try {
      const token = await t.enroll(WHO);
      await t.request('/v1/events', { token, json: { events: [make.export(WHO, '2026-11-02T08:00:00Z', { rows: 9000 })] } });
      const before = (await t.store.risk(WHO))!.score;
      expect(before).toBeGreaterThan(0);
      const bad = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { risk: { halfLifeDays: -3 } } });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { details: { fields: [{ path: 'risk.halfLifeDays' }] } } });
      const changed = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { risk: { indicators: { export_rows: { weight: 0 } } } } });
      expect(await changed.json()).toMatchObject({ risk: { indicators: { export_rows: { weight: 0 } } } });
      await t.request('/v1/events', { token, json: { events: [make.upload(WHO, '2026-11-02T09:00:00Z', { emailCount: 0 })] } });
      await t.settle(); // the second batch came within the coalescing interval
      const after = (await t.store.risk(WHO))!;
      expect(after.factors.map((f) => f.id)).not.toContain('export_rows');
    } finally {
      await t.close();
    }
  });
});
