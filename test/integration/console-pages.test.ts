import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';
import { createUser, signIn, type ConsoleSession } from './console-session';

const LEAVER = 'boris@acme.example';
const OTHER = 'carla@acme.example';

describe('console pages: pseudonyms, reveal, exports, HR and policy forms', { timeout: 30_000 }, () => {
  let t: TestApp;
  let security: ConsoleSession;
  let hr: ConsoleSession;
  beforeEach(async () => {
    t = await testApp();
    const device = await t.enroll(LEAVER);
    const contacts = fingerprints(40);
    await t.request('/v1/events', { token: device, json: { events: [
      make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }),
      make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 40 }),
    ] } });
    // A second person's case, so bulk actions have more than one alert to act on.
    await t.request('/v1/events', { token: await t.enroll(OTHER), json: { events: [
      make.export(OTHER, '2026-11-02T08:00:00Z', { fingerprints: contacts }),
      make.upload(OTHER, '2026-11-02T09:00:00Z', { fingerprints: contacts, emailCount: 40 }),
    ] } });
    await t.settle();
    await createUser(t, ADMIN, 'sam', 'security');
    await createUser(t, ADMIN, 'hana', 'hr');
    security = await signIn(t, { username: 'sam', password: 'sam-password-123' });
    hr = await signIn(t, { username: 'hana', password: 'hana-password-123' });
  });
  afterEach(async () => { await t.close(); });

  const auditActions = async () => ((await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; actor: string; target: string; details: Record<string, unknown> }[]);

  it('shows security and HR a stable pseudonym, and the name only after a typed reason, all on the record', async () => {
    const list = await (await security.request('/employees')).text();
    expect(list).not.toContain(LEAVER);
    const [, pid] = /href="\/employees\/([0-9A-F-]{14})"/.exec(list)!;
    expect(list).toContain(`Employee ${pid}`);
    expect(await (await hr.request('/employees')).text()).toContain(`Employee ${pid}`);

    const detail = await (await hr.request(`/employees/${pid}`)).text();
    expect(detail).not.toContain(LEAVER);
    expect(detail).toContain('never the sole basis of a decision');
    expect(detail).toMatch(/<svg class="trend"/);

    const short = await hr.request(`/employees/${pid}/reveal`, { form: { reason: 'curious' } });
    expect(short.status).toBe(400);
    expect(await short.text()).not.toContain(LEAVER);
    const revealed = await hr.request(`/employees/${pid}/reveal`, { form: { reason: 'Exit interview with the manager tomorrow' } });
    expect(await revealed.text()).toContain(LEAVER);

    const records = await auditActions();
    expect(records.find((r) => r.action === 'employee.reveal')).toMatchObject({ actor: 'user:hana', target: `Employee ${pid}`, details: { reason: 'Exit interview with the manager tomorrow' } });
    expect(records.filter((r) => r.action === 'employee.view').length).toBeGreaterThanOrEqual(2);
  });

  it('exports alerts with pseudonyms for security, and records the export', async () => {
    const csv = await (await security.request('/alerts.csv')).text();
    expect(csv.split('\r\n')[0]).toBe('id,severity,status,pattern,employee,title,assignee,reason,events,created_at,updated_at');
    expect(csv).toMatch(/Employee [0-9A-F]{4}-/);
    expect(csv).not.toContain(LEAVER);
    expect((await auditActions()).find((r) => r.action === 'export.alerts')).toMatchObject({ actor: 'user:sam', details: { pseudonymised: true } });
  });

  it('exports employees with pseudonyms for HR, scores and factors only, and records the export', async () => {
    const csv = await (await hr.request('/employees.csv')).text();
    expect(csv.split('\r\n')[0]).toBe('employee,score,level,factors,updated_at');
    expect(csv).toMatch(/Employee [0-9A-F]{4}-/);
    expect(csv).not.toContain(LEAVER);
    expect(csv).not.toContain('contacts.csv');
    expect((await auditActions()).find((r) => r.action === 'export.employees')).toMatchObject({ actor: 'user:hana', details: { pseudonymised: true } });
  });

  it('triages from the pages: decide, assign, note, bulk dismiss', async () => {
    const alerts = (await (await t.request('/v1/alerts', { token: ADMIN })).json()) as Alert[];
    const [first, ...rest] = alerts;
    const page = await (await security.request(`/alerts/${first!.id}`)).text();
    expect(page).toContain('From salesforce to gmail');
    const noReason = await security.request(`/alerts/${first!.id}/status`, { form: { status: 'dismissed', reason: '' } });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('dismissing an alert needs a reason');
    expect((await security.request(`/alerts/${first!.id}/status`, { form: { status: 'investigating' } })).status).toBe(303);
    await security.request(`/alerts/${first!.id}/assign`, { form: { assignee: 'sam' } });
    await security.request(`/alerts/${first!.id}/notes`, { form: { body: 'Asked the manager.' } });
    const after = await (await security.request(`/alerts/${first!.id}`)).text();
    expect(after).toContain('Asked the manager.');
    expect(after).toContain('Assigned to sam');
    const body = new URLSearchParams([['_csrf', security.csrf], ...rest.map((a) => ['ids', a.id]), ['reason', 'test data']]);
    const bulk = await t.app.request('http://localhost/alerts/dismiss', { method: 'POST', headers: { cookie: security.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    expect(bulk.status).toBe(303);
    expect((await (await t.request('/v1/alerts?status=dismissed', { token: ADMIN })).json() as Alert[]).length).toBe(rest.length);
  });

  it('records HR signals and imports the Purview CSV from the HR page, with row errors shown', async () => {
    const added = await hr.request('/hr/signals', { form: { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: '2026-11-01' } });
    expect(await added.text()).toContain('Signal recorded');
    const bad = await hr.request('/hr/signals', { form: { employeeEmail: 'not an address', kind: 'resignation_notice', effectiveDate: '2026-11-01' } });
    expect(bad.status).toBe(400);
    const form = new FormData();
    form.set('_csrf', hr.csrf);
    form.set('file', new File(['EmailAddress,ResignationDate,LastWorkingDate\r\nboris@acme.example,2026-11-01,2026-11-30\r\nbroken,,\r\n'], 'hr.csv', { type: 'text/csv' }));
    const imported = await t.app.request('http://localhost/hr/import', { method: 'POST', headers: { cookie: hr.cookie }, body: form });
    const html = await imported.text();
    expect(html.replace(/<[^>]+>/g, '')).toContain('Imported 2 signals (1 new)');
    expect(html).toContain('Row 3');
    const pid = /href="\/employees\/([0-9A-F-]{14})"/.exec(await (await hr.request('/employees')).text())![1];
    const detail = await (await hr.request(`/employees/${pid}`)).text();
    expect(detail).toContain('Handover checklist');
    expect(detail).toContain('last working day 2026-11-30');
    const body = new URLSearchParams([['_csrf', hr.csrf], ['items', 'client_owner'], ['items', 'inform_teams']]).toString();
    const saved = await t.app.request(`http://localhost/employees/${pid}/handover`, { method: 'POST', headers: { cookie: hr.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(saved.status).toBe(303);
    const ticked = await (await hr.request(`/employees/${pid}`)).text();
    expect(ticked.match(/checked=""/g)).toHaveLength(2);
    expect(ticked).toContain('Done by hana');
    expect((await hr.request(`/employees/${pid}/handover`, { form: { items: 'not_an_item' } })).status).toBe(400);
    expect((await hr.request(`/employees/${pid}/handover`, { form: {} })).status).toBe(303);
    expect((await (await hr.request(`/employees/${pid}`)).text()).match(/checked=""/g)).toBeNull();
  });

  it('edits the policy from the policy page and keeps what was typed on an error', async () => {
    const admin = await signIn(t, { token: ADMIN });
    const bad = await admin.request('/policy', { form: { crmSites: 'hubspot | HubSpot', personalDestinations: '', copyMinContacts: '5', pasteMinContacts: '5', sequenceWindowHours: '24' } });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('CRM sites, line 1');
    expect(badHtml).toContain('hubspot | HubSpot</textarea>');
    const saved = await admin.request('/policy', { form: { crmSites: 'hubspot | HubSpot | https://app.hubspot.com/*', personalDestinations: '', copyMinContacts: '7', pasteMinContacts: '5', sequenceWindowHours: '24' } });
    expect(await saved.text()).toContain('Saved: policy version');
    const policy = (await (await t.request('/v1/policy', { token: ADMIN })).json()) as { crmSites: { id: string }[]; thresholds: { copyMinContacts: number } };
    expect(policy.crmSites.map((s) => s.id)).toContain('hubspot');
    expect(policy.thresholds.copyMinContacts).toBe(7);
    expect((await auditActions()).find((r) => r.action === 'policy.update')).toMatchObject({ details: { via: 'console' } });
  });

  it('saves destination modes, retention and silent-after hours from the policy page; a bad value saves nothing; the API-set risk overrides survive', async () => {
    const risk = { windowDays: 30, indicators: { exports: { weight: 20 } } };
    const pcloud = { id: 'pcloud', name: 'pCloud', matches: ['https://*.pcloud.com/*'], kind: 'cloud', mode: 'block', personalAccountDomains: ['pcloud.example'] };
    expect((await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { risk, personalDestinations: [pcloud], destinationModes: { 'whatsapp-web': 'block' } } })).status).toBe(200);
    type Served = { version: string; risk: unknown; retentionDays: number; coverage: { silentAfterHours: number }; personalDestinations: { id: string; mode: string; kind?: string; personalAccountDomains?: string[] }[] };
    const served = async () => (await (await t.request('/v1/policy', { token: ADMIN })).json()) as Served;
    const modeOf = (p: Served, id: string) => p.personalDestinations.find((d) => d.id === id)?.mode;
    const admin = await signIn(t, { token: ADMIN });

    const page = await (await admin.request('/policy')).text();
    expect(page).toContain('<label for="modes-default">');
    expect(page).toMatch(/<select id="mode-whatsapp-web" name="mode.whatsapp-web">.*<option value="block" selected="">/);
    expect(page).toContain('<option value="" selected="">own (block)</option>');
    expect(page).toMatch(/<label for="retentionDays">[^<]+<\/label><input id="retentionDays" name="retentionDays" [^>]*value="180"/);
    expect(page).toMatch(/<label for="silentAfterHours">[^<]+<\/label><input id="silentAfterHours" name="silentAfterHours" [^>]*value="72"/);

    const form = {
      crmSites: '', personalDestinations: 'pcloud | pCloud | https://*.pcloud.com/*\ngmail | Gmail | https://mail.example.com/*', copyMinContacts: '5', pasteMinContacts: '5', sequenceWindowHours: '24',
      'mode.*': 'warn', 'mode.gmail': 'block', 'mode.pcloud': '', 'mode.whatsapp-web': '', retentionDays: '365', silentAfterHours: '96',
    };
    const before = await served();
    const bad = await admin.request('/policy', { form: { ...form, retentionDays: '3' } });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/<p class="error" role="alert">Keep events for \(days\): [^<]*7/);
    expect(badHtml).toMatch(/name="retentionDays" [^>]*value="3"/);
    expect(badHtml).toMatch(/name="silentAfterHours" [^>]*value="96"/);
    expect(badHtml).toMatch(/name="mode.gmail">.*<option value="block" selected="">/);
    expect(await served()).toEqual(before);
    const blankHours = await admin.request('/policy', { form: { ...form, silentAfterHours: '' } });
    expect(blankHours.status).toBe(400);
    expect(await blankHours.text()).toContain('Device silent after (hours): ');

    expect(await (await admin.request('/policy', { form })).text()).toContain('Saved: policy version');
    const after = await served();
    expect(after).toMatchObject({ risk, retentionDays: 365, coverage: { silentAfterHours: 96 } });
    expect([modeOf(after, 'gmail'), modeOf(after, 'dropbox'), modeOf(after, 'whatsapp-web'), modeOf(after, 'pcloud')]).toEqual(['block', 'warn', 'warn', 'block']);
    expect(after.personalDestinations.find((d) => d.id === 'pcloud')).toMatchObject({ kind: 'cloud', personalAccountDomains: ['pcloud.example'] });

    // Removing an added destination takes its mode along, though the submitted page still had its select;
    // removing the line that extended gmail leaves gmail's select working.
    const removed = await admin.request('/policy', { form: { ...form, personalDestinations: '', 'mode.pcloud': 'warn', 'mode.gmail': 'audit' } });
    expect(removed.status).toBe(200);
    const last = await served();
    expect(last.personalDestinations.map((d) => d.id)).not.toContain('pcloud');
    expect(modeOf(last, 'gmail')).toBe('audit');
    expect(last.risk).toEqual(risk);
    const typo = await admin.request('/policy', { form: { ...form, 'mode.gmial': 'block' } });
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain('Mode of gmial: no personal destination has the id gmial');
  });
  it('edits company tenants and record-view limits from the policy page; bad input is named, kept on the page, and saves nothing', async () => {
    type Served = { version: string; companyTenants: string[]; recordViewLimits: Record<string, unknown>; risk: unknown };
    const served = async () => (await (await t.request('/v1/policy', { token: ADMIN })).json()) as Served;
    const risk = { halfLifeDays: 10 };
    expect((await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { risk, recordViewLimits: { bitrix24: { opens: 5, periodHours: 24, mode: 'warn' } } } })).status).toBe(200);
    const admin = await signIn(t, { token: ADMIN });
    const page = await (await admin.request('/policy')).text();
    expect(page).toContain('<label for="companyTenants">');
    expect(page).toMatch(/<select id="view-limit-bitrix24-mode"[^>]*name="viewLimit.bitrix24.mode">.*?<option value="warn" selected="">/s);
    expect(page).toMatch(/name="viewLimit.bitrix24.periodHours" [^>]*value="24"/);
    expect(page).toMatch(/<select id="view-limit-salesforce-mode"[^>]*>\s*<option value="" selected="">no limit/);

    const form = {
      crmSites: '', personalDestinations: '', copyMinContacts: '5', pasteMinContacts: '5', sequenceWindowHours: '24',
      companyTenants: 'acme-corp.example\n\nhttps://app.slack.com/client/TACME/',
      'viewLimit.salesforce.mode': 'block', 'viewLimit.salesforce.opens': '3', 'viewLimit.salesforce.periodHours': '720',
      'viewLimit.bitrix24.mode': '', 'viewLimit.bitrix24.opens': '5', 'viewLimit.bitrix24.periodHours': '24',
    };
    const before = await served();
    // A tenant that is neither a domain nor an https prefix ending in /: the line is named, everything typed stays.
    for (const [tenants, line, says] of [
      ['acme-corp.example\nhttp://app.slack.com/client/TACME/', 2, 'https URL prefix'],
      ['acme-corp.example\n\nhttps://www.notion.so/acme', 3, 'a URL prefix ends with /'],
      ['<script>alert(1)</script>', 1, 'e-mail domain'],
    ] as const) {
      const bad = await admin.request('/policy', { form: { ...form, companyTenants: tenants } });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toMatch(new RegExp(`<p class="error" role="alert">Company tenants, line ${line}: [^<]*${says}`));
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toMatch(/name="viewLimit.salesforce.mode">.*?<option value="block" selected="">/s);
    }
    // A limit that makes no sense: the CRM and the field are named, what was typed is shown again.
    for (const [field, value, says] of [['viewLimit.salesforce.opens', '0', 'Record-view limit of Salesforce, opens allowed per record'], ['viewLimit.salesforce.periodHours', '', 'Record-view limit of Salesforce, period (hours)'], ['viewLimit.salesforce.mode', 'shout', 'Record-view limit of Salesforce, mode']] as const) {
      const bad = await admin.request('/policy', { form: { ...form, [field]: value } });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain(`<p class="error" role="alert">${says}: `);
      expect(html).toContain('acme-corp.example\n\nhttps://app.slack.com/client/TACME/</textarea>');
      if (field !== 'viewLimit.salesforce.mode') expect(html).toMatch(new RegExp(`name="${field.replace(/\./g, '\\.')}" [^>]*value="${value}"`));
    }
    expect(await served()).toEqual(before);

    expect(await (await admin.request('/policy', { form })).text()).toContain('Saved: policy version');
    const after = await served();
    expect(after.companyTenants).toEqual(['acme-corp.example', 'https://app.slack.com/client/TACME/']);
    // Salesforce limited; Bitrix24's "no limit" removed the limit saved through the API; the risk overrides survive.
    expect(after.recordViewLimits).toEqual({ salesforce: { opens: 3, periodHours: 720, mode: 'block' } });
    expect(after.risk).toMatchObject(risk);
    // A form from before these fields existed changes neither.
    const { companyTenants: _, ...older } = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith('viewLimit.')));
    expect((await admin.request('/policy', { form: older })).status).toBe(200);
    expect(await served()).toMatchObject({ companyTenants: after.companyTenants, recordViewLimits: after.recordViewLimits });
  });
});
