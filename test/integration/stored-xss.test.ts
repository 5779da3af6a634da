import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';
import { createUser, signIn, signInForm, type ConsoleSession } from './console-session';

/** Markup that would run or render if any page echoed it unescaped. */
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "'><iframe src=javascript:alert(4)>",
  '</textarea><b>5</b>',
];
const RAW = /<script>alert|<img src=x|<svg onload|<iframe src=javascript|<\/textarea><b>/i;
const WHO = 'vera@acme.example';
const OTHER = 'wanda@acme.example';

describe('stored-XSS corpus: HTML in stored strings is escaped on every page that shows it', () => {
  let t: TestApp;
  let admin: ConsoleSession;
  let security: ConsoleSession;
  let pages: string[];

  beforeAll(async () => {
    t = await testApp();
    const device = await t.enroll(WHO);
    const contacts = fingerprints(30);
    const payload = CORPUS.join(' ');
    // Two people, so there are two cases: one open with the payload in its notes, one dismissed with it.
    for (const [who, token] of [[WHO, device], [OTHER, await t.enroll(OTHER)]] as const) {
      await t.request('/v1/events', { token, json: { events: [
        make.export(who, '2026-11-02T08:00:00Z', { fileName: `a ${payload}.csv`, fingerprints: contacts }),
        make.upload(who, '2026-11-02T09:00:00Z', { fileName: `b ${payload}.csv`, justification: payload, fingerprints: contacts, emailCount: 30 }),
      ] } });
    }
    const alerts = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as Alert[];
    await t.request(`/v1/alerts/${alerts[0]!.id}/notes`, { token: ADMIN, json: { body: payload } });
    await t.request(`/v1/alerts/${alerts[0]!.id}`, { method: 'PATCH', token: ADMIN, json: { assignee: CORPUS[2] } });
    await t.request(`/v1/alerts/${alerts[1]!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed', reason: payload } });
    await t.request('/v1/tokens', { token: ADMIN, json: { label: payload.slice(0, 120), role: 'auditor' } });
    await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { crmSites: [{ id: 'evil', name: CORPUS[0], matches: ['https://evil.example/*'] }] } });
    await createUser(t, ADMIN, 'sec', 'security');
    admin = await signIn(t, { token: ADMIN });
    security = await signIn(t, { username: 'sec', password: 'sec-password-123' });
    const pid = /href="\/employees\/([0-9A-F-]{14})"/.exec(await (await admin.request('/employees')).text())![1];
    const routes = ['/', '/alerts', '/alerts?status=dismissed', ...alerts.map((a) => `/alerts/${a.id}`), '/employees', `/employees/${pid}`, '/hr', '/policy', '/audit', '/admin/people'];
    pages = [];
    for (const route of routes) pages.push(await (await admin.request(route)).text());
    for (const route of ['/alerts', ...alerts.map((a) => `/alerts/${a.id}`)]) pages.push(await (await security.request(route)).text());
    // Echoed input: the rows an HR import refuses, and the username on a failed sign-in.
    const form = new FormData();
    form.set('_csrf', admin.csrf);
    form.set('file', new File([`EmailAddress,ResignationDate,LastWorkingDate\r\n${CORPUS[1]},2026-11-01,\r\n"${CORPUS[0]!.replaceAll('"', '""')}",2026-11-01,\r\n`], 'hr.csv', { type: 'text/csv' }));
    pages.push(await (await t.app.request('http://localhost/hr/import', { method: 'POST', headers: { cookie: admin.cookie }, body: form })).text());
    pages.push(await (await signInForm(t, { username: CORPUS[2]!, password: 'whatever-password' })).text());
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('never echoes the markup raw', () => {
    for (const html of pages) expect(html.match(RAW)?.[0]).toBeUndefined();
  });

  it('shows it as text where it was stored (file names, justification, notes, reasons, assignee, token label, site name)', () => {
    const all = pages.join('\n');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(all).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
    expect(all).toContain('&lt;/textarea&gt;&lt;b&gt;5&lt;/b&gt;');
  });

  it('neutralises spreadsheet formulas in the CSV export', async () => {
    await t.request('/v1/alerts/' + ((await (await t.request('/v1/alerts?status=open', { token: ADMIN })).json()) as Alert[])[0]!.id, { method: 'PATCH', token: ADMIN, json: { assignee: '=HYPERLINK("https://evil.example")' } });
    const csv = await (await security.request('/alerts.csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
  });
});
