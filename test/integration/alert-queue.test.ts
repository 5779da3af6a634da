import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';
import { createUser, signIn, type ConsoleSession } from './console-session';

const NOW = new Date('2026-11-02T10:00:00Z');
const PEOPLE = ['ann@acme.example', 'boris@acme.example', 'carla@acme.example'];

/** Issue 18: a queue an analyst can work. */
describe('the alert queue', { timeout: 30_000 }, () => {
  let t: TestApp;
  let security: ConsoleSession;
  beforeEach(async () => {
    t = await testApp(NOW);
    // Three people, three sizes of incident: 5, 30 and 60 contacts sent out.
    for (const [i, person] of PEOPLE.entries()) {
      const contacts = fingerprints([5, 30, 60][i]!, i * 1000);
      await t.request('/v1/events', { token: await t.enroll(person), json: { events: [
        make.export(person, `2026-11-02T0${7 + i}:00:00Z`, { fingerprints: contacts }),
        make.upload(person, `2026-11-02T0${7 + i}:30:00Z`, { fingerprints: contacts, emailCount: contacts.length }),
      ] } });
    }
    await t.settle();
    await createUser(t, ADMIN, 'sam', 'security');
    security = await signIn(t, { username: 'sam', password: 'sam-password-123' });
  });
  afterEach(async () => { await t.close(); });

  const list = async (query = '') => (await (await t.request(`/v1/alerts${query}`, { token: ADMIN })).json()) as Alert[];
  const rank = (a: Alert) => ['low', 'medium', 'high', 'critical'].indexOf(a.severity) * 1000 + (a.score ?? 0);

  it('orders by severity then score by default, and by any column asked for', async () => {
    const queue = await list();
    expect(queue).toHaveLength(3);
    expect(queue.map(rank)).toEqual([...queue.map(rank)].sort((a, b) => b - a));
    const byAge = await list('?sort=age');
    expect(byAge.map((a) => a.createdAt)).toEqual([...byAge.map((a) => a.createdAt)].sort());
    const byScore = await list('?sort=score&dir=asc');
    expect(byScore.map((a) => a.score)).toEqual([...byScore.map((a) => a.score!)].sort((a, b) => a - b));
    expect((await t.request('/v1/alerts?sort=colour', { token: ADMIN })).status).toBe(400);
  });

  it('changes many alerts at once: assign, status, dismiss with a reason; time to triage starts with the first decision', async () => {
    const ids = (await list()).map((a) => a.id);
    const assigned = await t.request('/v1/alerts/bulk', { token: ADMIN, json: { ids, assignee: 'sam' } });
    expect(await assigned.json()).toMatchObject({ changed: ids, skipped: [] });
    expect((await list()).every((a) => a.assignee === 'sam' && a.triagedAt === null)).toBe(true);

    t.setNow(new Date(NOW.getTime() + 90 * 60_000));
    expect(await (await t.request('/v1/alerts/bulk', { token: ADMIN, json: { ids: ids.slice(0, 2), status: 'investigating' } })).json()).toMatchObject({ changed: ids.slice(0, 2) });
    const noReason = await t.request('/v1/alerts/bulk', { token: ADMIN, json: { ids, status: 'dismissed' } });
    expect(noReason.status).toBe(400);
    const dismissed = await (await t.request('/v1/alerts/bulk', { token: ADMIN, json: { ids, status: 'dismissed', reason: 'red-team exercise' } })).json();
    expect(dismissed).toMatchObject({ changed: ids, skipped: [] });
    const after = await list('?status=dismissed');
    expect(after.find((a) => a.id === ids[0])!.triagedAt).toBe(new Date(NOW.getTime() + 90 * 60_000).toISOString());
    expect(after.find((a) => a.id === ids[2])!.triagedAt).toBe(new Date(NOW.getTime() + 90 * 60_000).toISOString());

    const page = await (await security.request('/alerts?status=dismissed&sort=age')).text();
    expect(page).toContain('Time to triage');
    expect(page).toMatch(/data-label="Time to triage" class="num">(1|2) h</);
    expect(page).toContain('href="/alerts?status=dismissed&amp;sort=age&amp;dir=asc"');
  });

  it('bulk-assigns from the page to a console account only, back to the same filtered view', async () => {
    const ids = (await list()).map((a) => a.id);
    const post = (fields: [string, string][]) => t.app.request('http://localhost/alerts/bulk', {
      method: 'POST', headers: { cookie: security.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', security.csrf], ...ids.map((id) => ['ids', id] as [string, string]), ...fields]).toString(),
    });
    const stranger = await post([['action', 'assign'], ['assignee', 'mallory']]);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('not an active security or admin account');
    const ok = await post([['action', 'assign'], ['assignee', 'sam'], ['back', 'severity=critical&sort=score&evil=<x>']]);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/alerts?severity=critical&sort=score&changed=3&skipped=0');
    expect((await list()).every((a) => a.assignee === 'sam')).toBe(true);
    const queue = await (await security.request(ok.headers.get('location')!)).text();
    expect(queue).toContain('Changed 3 alerts.');
    expect(queue).toMatch(/<option value="sam">sam<\/option>/);
  });

  it('reveals the name on the alert page with a reason, on the record; notes are on the record too', async () => {
    const [first] = await list();
    const page = await (await security.request(`/alerts/${first!.id}`)).text();
    expect(page).not.toContain(first!.employee);
    expect(page).toContain('Reveal the name');
    expect((await security.request(`/alerts/${first!.id}/reveal`, { form: { reason: 'why' } })).status).toBe(400);
    const revealed = await (await security.request(`/alerts/${first!.id}/reveal`, { form: { reason: 'Manager asked us to call him today' } })).text();
    expect(revealed).toContain(first!.employee);
    await security.request(`/alerts/${first!.id}/notes`, { form: { body: 'Called the manager.' } });
    const audit = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; target: string; details: Record<string, unknown> }[];
    expect(audit.find((r) => r.action === 'employee.reveal')).toMatchObject({ target: expect.stringMatching(/^Employee /), details: { reason: 'Manager asked us to call him today', alert: first!.id } });
    expect(audit.find((r) => r.action === 'alert.note')).toMatchObject({ target: `alert:${first!.id}`, details: { characters: 19 } });
  });

  it('finds a person by pseudonym, or by e-mail as an audited reveal', async () => {
    const list = await (await security.request('/employees')).text();
    const [, pid] = /href="\/employees\/([0-9A-F-]{14})"/.exec(list)!;
    const found = await security.request(`/employees/find?pseudonym=employee+${pid!.toLowerCase()}`);
    expect([found.status, found.headers.get('location')]).toEqual([303, `/employees/${pid}`]);
    expect((await security.request('/employees/find?pseudonym=FFFF-FFFF-FFFF')).status).toBe(400);
    expect((await security.request('/employees/find', { form: { email: PEOPLE[1]! } })).status).toBe(400);
    const byEmail = await security.request('/employees/find', { form: { email: PEOPLE[1]!.toUpperCase(), reason: 'HR case 4411 needs this person' } });
    expect(byEmail.status).toBe(303);
    const audit = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; details: Record<string, unknown> }[];
    expect(audit.find((r) => r.action === 'employee.find')).toMatchObject({ details: { reason: 'HR case 4411 needs this person', found: true } });
    const page = await (await security.request(byEmail.headers.get('location')!)).text();
    expect(page).not.toContain(PEOPLE[1]);
  });
});
