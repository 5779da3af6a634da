import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym } from '../../server/people/pseudonyms';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';

const CAROL = 'carol@acme.example';
const DAVE = 'dave@acme.example';

describe("an employee's own copy of their data (GDPR art. 15)", () => {
  let t: TestApp;
  let carol: string;
  const sent: string[] = [];

  beforeAll(async () => {
    t = await testApp(new Date('2026-11-02T10:00:00Z'));
    carol = await t.enroll(CAROL);
    const dave = await t.enroll(DAVE);
    const contacts = fingerprints(20);
    const events = [make.export(CAROL, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(CAROL, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 20 })];
    sent.push(...events.map((e) => e.id));
    expect((await t.request('/v1/events', { token: carol, json: { events } })).status).toBe(200);
    expect((await t.request('/v1/events', { token: dave, json: { events: [make.copy(DAVE, '2026-11-02T08:30:00Z')] } })).status).toBe(200);
    await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: CAROL, kind: 'resignation_notice', effectiveDate: '2026-11-01' } });
    await t.settle();
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('gives the employee, by their device token, their events, devices, score, HR signals and alerts, and nobody else\'s', async () => {
    const response = await t.request('/v1/me/data', { token: carol });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = (await response.json()) as { employee: string; events: { id: string; employee: string; fileName?: string }[]; devices: unknown[]; risk: { score: number } | null; hrSignals: { kind: string }[]; alerts: { employee: string }[] };
    expect(data.employee).toBe(CAROL);
    expect(data.events.map((e) => e.id).sort()).toEqual([...sent].sort());
    expect(data.events.every((e) => e.employee === CAROL)).toBe(true);
    expect(data.events.find((e) => e.fileName)?.fileName).toBe('contacts.csv');
    expect(JSON.stringify(data)).not.toContain('"fingerprints"');
    expect(JSON.stringify(data)).not.toContain(DAVE);
    expect(data.devices).toHaveLength(1);
    expect(data.risk?.score).toBeGreaterThan(0);
    expect(data.hrSignals.map((s) => s.kind)).toEqual(['resignation_notice']);
    expect(data.alerts.length).toBeGreaterThan(0);
  });

  it('is on the audit record, and needs a device token', async () => {
    expect((await t.request('/v1/me/data')).status).toBe(401);
    expect((await t.request('/v1/me/data', { token: ADMIN })).status).toBe(401);
    const audit = (await (await t.request('/v1/audit?limit=1000', { token: ADMIN })).json()) as { action: string; target: string; actor: string }[];
    const exports = audit.filter((r) => r.action === 'employee.data_export');
    expect(exports.length).toBeGreaterThanOrEqual(1);
    expect(exports[0]).toMatchObject({ target: pseudonym(await t.app.services.pseudonymKey(), CAROL), actor: expect.stringMatching(/^device:/) });
  });
});
