import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';

const LEAVER = 'boris@acme.example';

describe('alert triage through the API', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await testApp();
    token = await t.enroll(LEAVER);
    const contacts = fingerprints(80);
    await t.request('/v1/events', { token, json: { events: [
      make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }),
      make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts.slice(0, 60), emailCount: 60 }),
    ] } });
  });
  afterEach(async () => { await t.close(); });

  const list = async (query = '') => (await (await t.request(`/v1/alerts${query}`, { token: ADMIN })).json()) as Alert[];
  const patch = (id: string, json: unknown) => t.request(`/v1/alerts/${id}`, { method: 'PATCH', token: ADMIN, json });

  it('filters the queue by severity, status, pattern and date', async () => {
    const all = await list();
    // One case: the departure risk is a reason inside the lineage alert, not an alert of its own.
    expect(all).toHaveLength(1);
    expect(all[0]!.patterns.length).toBeGreaterThanOrEqual(2);
    expect((await list('?pattern=crm_contacts_exfiltrated')).map((a) => a.pattern)).toEqual(['crm_contacts_exfiltrated']);
    expect((await list('?severity=critical')).every((a) => a.severity === 'critical')).toBe(true);
    expect(await list('?from=2026-11-03')).toEqual([]);
    expect((await list('?from=2026-11-02&to=2026-11-02')).length).toBe(all.length);
    expect(await list('?status=resolved')).toEqual([]);
    const bad = await t.request('/v1/alerts?severity=huge', { token: ADMIN });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('severity') } });
  });

  it('walks open → investigating → confirmed → resolved and refuses a skipped step', async () => {
    const [alert] = await list('?pattern=crm_contacts_exfiltrated');
    const skip = await patch(alert!.id, { status: 'resolved' });
    expect(skip.status).toBe(409);
    expect(await skip.json()).toMatchObject({ error: { code: 'invalid_transition', details: { allowed: ['investigating', 'confirmed', 'dismissed'] } } });
    expect(await (await patch(alert!.id, { status: 'investigating', assignee: 'sally' })).json()).toMatchObject({ status: 'investigating', assignee: 'sally' });
    expect((await patch(alert!.id, { status: 'confirmed' })).status).toBe(200);
    expect(await (await patch(alert!.id, { status: 'resolved' })).json()).toMatchObject({ status: 'resolved' });
  });

  it('keeps notes, shows the evidence timeline and the lineage', async () => {
    const [alert] = await list('?pattern=crm_contacts_exfiltrated');
    const note = await t.request(`/v1/alerts/${alert!.id}/notes`, { token: ADMIN, json: { body: 'Called the manager.' } });
    expect(note.status).toBe(201);
    expect((await t.request(`/v1/alerts/${alert!.id}/notes`, { token: ADMIN, json: { body: '  ' } })).status).toBe(400);
    const detail = (await (await t.request(`/v1/alerts/${alert!.id}`, { token: ADMIN })).json()) as {
      notes: { body: string; author: string }[]; evidence: { description: string; event: { fingerprints?: string[] } }[];
      lineage: { crms: string[]; destinations: string[]; contacts: number };
    };
    expect(detail.notes).toEqual([expect.objectContaining({ body: 'Called the manager.', author: expect.stringMatching(/^token:/) })]);
    expect(detail.evidence.map((e) => e.description)).toEqual([
      'Exported contacts.csv (csv, 120 rows, 120 e-mail addresses, 2 KB) from salesforce',
      'Attached contacts.csv (2 KB, 60 e-mail addresses) in gmail',
    ]);
    expect(detail.evidence.every((e) => (e.event.fingerprints ?? []).length === 0)).toBe(true);
    expect(detail.lineage).toMatchObject({ crms: ['salesforce'], destinations: ['gmail'], contacts: 60 });
    expect((await t.request('/v1/alerts/00000000-0000-4000-8000-000000000000', { token: ADMIN })).status).toBe(404);
  });

  it('dismisses in bulk with a reason and reports effectiveness = confirmed ÷ (confirmed + dismissed)', async () => {
    const alerts = await list();
    expect(await (await t.request('/v1/alerts/effectiveness', { token: ADMIN })).json()).toEqual({ confirmed: 0, dismissed: 0, effectiveness: null });
    await patch(alerts[0]!.id, { status: 'confirmed' });
    const rest = alerts.slice(1).map((a) => a.id);
    expect((await t.request('/v1/alerts/dismiss', { token: ADMIN, json: { ids: rest, reason: '' } })).status).toBe(400);
    const bulk = await t.request('/v1/alerts/dismiss', { token: ADMIN, json: { ids: [...rest, alerts[0]!.id], reason: 'approved migration' } });
    expect(await bulk.json()).toMatchObject({ dismissed: rest, skipped: [{ id: alerts[0]!.id }] });
    const expected = 1 / (1 + rest.length);
    expect(await (await t.request('/v1/alerts/effectiveness', { token: ADMIN })).json()).toEqual({ confirmed: 1, dismissed: rest.length, effectiveness: expected });
  });
});
