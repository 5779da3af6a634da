import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import type { EmployeeRisk } from '../../shared/risk';
import { ADMIN, fingerprints, make, testApp, type TestApp } from './harness';

const LEAVER = 'boris@acme.example';
const NOW = new Date('2026-11-02T10:00:00Z');

describe('risk scores and alerts through the API', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await testApp(NOW);
    token = await t.enroll(LEAVER);
  });
  afterEach(async () => { await t.close(); });

  // Batches in quick succession share a deferred rescore: wait for it, as a reader seconds later would.
  const post = async (events: unknown[]) => {
    const response = await t.request('/v1/events', { token, json: { events } });
    await t.settle();
    return response;
  };
  const alerts = async (status = 'open') => (await (await t.request(`/v1/alerts?status=${status}`, { token: ADMIN })).json()) as Alert[];
  const risk = async () => (await (await t.request(`/v1/employees/${LEAVER}`, { token: ADMIN })).json()) as EmployeeRisk & { history: { day: string; score: number }[] };

  it('scores an export, a copy and a lineage-matched upload at least high, with factors behind it', async () => {
    const crmContacts = fingerprints(80);
    const exported = make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: crmContacts });
    const copied = make.copy(LEAVER, '2026-11-02T08:30:00Z', { fingerprints: crmContacts.slice(0, 12) });
    const upload = make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: crmContacts.slice(0, 60), emailCount: 60 });
    expect((await post([exported, copied, upload])).status).toBe(200);

    const r = await risk();
    expect(['high', 'critical']).toContain(r.level);
    expect(r.score).toBeGreaterThanOrEqual(60);
    const factorIds = r.factors.map((f) => f.id);
    expect(factorIds).toEqual(expect.arrayContaining(['upload_contacts', 'collection_then_exfiltration', 'lineage_match', 'cumulative_exfiltration']));
    const lineageFactor = r.factors.find((f) => f.id === 'lineage_match')!;
    expect(lineageFactor.eventIds).toEqual(expect.arrayContaining([upload.id, exported.id, copied.id]));
    expect(r.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(r.score, 0);
    expect(r.history).toEqual([{ day: '2026-11-02', score: r.score }]);

    const list = (await (await t.request('/v1/employees', { token: ADMIN })).json()) as EmployeeRisk[];
    expect(list[0]).toMatchObject({ employee: LEAVER, level: r.level });

    const open = await alerts();
    const lineage = open.find((a) => a.pattern === 'crm_contacts_exfiltrated')!;
    expect(lineage).toMatchObject({ severity: 'critical', employee: LEAVER, details: { share: 1, matchedContacts: 60, contactsInUpload: 60 } });
    // One incident, one alert: the lineage pattern leads, the departure risk is a reason inside it.
    expect(open.map((a) => a.pattern)).toEqual(['crm_contacts_exfiltrated']);
    expect(lineage.patterns.map((p) => p.pattern)).toEqual(['crm_contacts_exfiltrated', 'departure_risk']);
  });

  it('does not raise the lineage alert for an upload of unrelated contacts', async () => {
    await post([
      make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: fingerprints(40) }),
      make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: fingerprints(30, 1000) }),
    ]);
    // Its fingerprints say the contacts are not the CRM's: no sequence either (the store once dropped them
    // and judged the upload by its count, scoring what the same events in memory did not).
    expect(await alerts()).toEqual([]);
    expect((await risk()).factors.map((f) => f.id)).not.toContain('lineage_match');
    expect((await risk()).factors.map((f) => f.id)).not.toContain('collection_then_exfiltration');
  });

  it('finds lineage even when the upload arrives before the copy that fed it', async () => {
    const contacts = fingerprints(10);
    await post([make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts })]);
    expect(await alerts()).toEqual([]);
    await post([make.copy(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts })]);
    expect((await alerts()).map((a) => a.pattern).sort()).toEqual(['crm_contacts_exfiltrated']);
  });

  it('keeps one open alert per employee and pattern, growing with the evidence', async () => {
    await post([make.copy(LEAVER, '2026-11-02T08:00:00Z'), make.upload(LEAVER, '2026-11-02T08:10:00Z')]);
    await post([make.upload(LEAVER, '2026-11-02T08:20:00Z')]);
    const open = await alerts();
    expect(open).toHaveLength(1);
    expect(open[0]!.eventIds).toHaveLength(3);
    expect(open[0]!.triggerIds).toHaveLength(2);
  });

  it('needs a reason to dismiss, and a dismissed alert stays closed until new exfiltration', async () => {
    await post([make.copy(LEAVER, '2026-11-02T08:00:00Z'), make.upload(LEAVER, '2026-11-02T08:10:00Z')]);
    const [alert] = await alerts();
    const noReason = await t.request(`/v1/alerts/${alert!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed' } });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ error: { details: { fields: [{ path: 'reason' }] } } });
    const dismissed = await t.request(`/v1/alerts/${alert!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed', reason: 'approved data transfer' } });
    expect(await dismissed.json()).toMatchObject({ status: 'dismissed', reason: 'approved data transfer' });

    // Re-evaluating the same evidence (a heartbeat-free rescore through an HR signal) does not reopen it.
    await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: '2026-11-02' } });
    expect(await alerts()).toEqual([]);

    await post([make.upload(LEAVER, '2026-11-02T09:00:00Z')]);
    const reopened = await alerts();
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.id).not.toBe(alert!.id);
    expect((await t.request('/v1/alerts/unknown', { method: 'PATCH', token: ADMIN, json: { status: 'resolved' } })).status).toBe(404);
  });

  it('raises the score when HR records a resignation notice', async () => {
    await post([make.export(LEAVER, '2026-11-01T08:00:00Z', { rows: 6000 }), make.copy(LEAVER, '2026-11-01T09:00:00Z', { emailCount: 400 })]);
    const before = (await risk()).score;
    expect(before).toBeGreaterThan(0);
    const response = await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: '2026-11-02' } });
    expect(response.status).toBe(201);
    const after = await risk();
    expect(after.score).toBeGreaterThan(before);
    expect(after.factors.map((f) => f.id)).toContain('departure_window');
    const again = await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: '2026-11-02' } });
    expect(await again.json()).toEqual({ added: 0, duplicate: 1 });
  });

  it('imports the Purview-format HR CSV with per-row errors', async () => {
    const csv = '\uFEFFEmailAddress,ResignationDate,LastWorkingDate\r\n'
      + `${LEAVER},2026-11-01,2026-11-30\r\n`
      + 'not-an-email,2026-11-01,\r\n'
      + 'carla@acme.example,2026-13-45,\r\n'
      + 'dmitri@acme.example,,2026-12-15\r\n';
    const response = await t.request('/v1/hr/signals/import', { token: ADMIN, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { imported: number; errors: { row: number }[] };
    expect(body.imported).toBe(3);
    expect(body.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(await t.store.hrSignals('dmitri@acme.example')).toHaveLength(1);

    const wrongHeader = await t.request('/v1/hr/signals/import', { token: ADMIN, body: 'Email,Date\r\nx@y.z,2026-01-01', headers: { 'content-type': 'text/csv' } });
    expect(wrongHeader.status).toBe(400);
    expect(await wrongHeader.json()).toMatchObject({ error: { code: 'invalid_csv' } });
  });

  it('keeps HR and anonymous callers to their routes', async () => {
    expect((await t.request('/v1/employees')).status).toBe(401);
    expect((await t.request('/v1/employees', { token })).status).toBe(401);
    expect((await t.request('/v1/alerts', { token })).status).toBe(401);
    expect((await t.request(`/v1/employees/${LEAVER}`, { token: ADMIN })).status).toBe(404);
  });
});

describe('HR import at scale and with bad rows', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(NOW); });
  afterEach(async () => { await t.close(); });

  it('imports 100,000 rows in one go, reporting bad and duplicate rows and people it has never seen', async () => {
    const rows = ['\uFEFFEmailAddress;ResignationDate;LastWorkingDate;Department'];
    for (let i = 0; i < 100_000; i++) rows.push(`person${i}@acme.example;2026-10-${String(1 + (i % 28)).padStart(2, '0')};;Sales`);
    rows.push('person7@acme.example;2026-10-08;;Sales', 'broken-address;2026-10-01;;Sales', 'late@acme.example;2026-10-32;;Sales');
    const response = await t.request('/v1/hr/signals/import', { token: ADMIN, body: rows.join('\r\n'), headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { imported: number; added: number; unknownEmployees: number; departments: number; errors: { row: number; message: string }[] };
    expect(body).toMatchObject({ imported: 100_000, added: 100_000, unknownEmployees: 100_000, departments: 100_000 });
    expect(body.errors).toEqual([
      { row: 100_002, message: 'duplicate of row 9; imported once' },
      { row: 100_003, message: 'EmailAddress "broken-address" is not an e-mail address' },
      { row: 100_004, message: 'ResignationDate "2026-10-32" is not a date (use YYYY-MM-DD or ISO 8601)' },
    ]);
    expect(await t.store.hrSignals('person99999@acme.example')).toHaveLength(1);
    expect((await t.store.departments()).get('person5@acme.example')).toBe('Sales');
  }, 120_000);

  it('sets departments through the directory API and refuses bad entries whole', async () => {
    const bad = await t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees: [{ employeeEmail: 'a@acme.example', department: 'Sales' }, { employeeEmail: 'nope', department: 'Sales' }] } });
    expect(bad.status).toBe(400);
    expect(await t.store.departments()).toEqual(new Map());
    const ok = await t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees: [{ employeeEmail: 'A@acme.example', department: 'Sales operations' }] } });
    expect(await ok.json()).toEqual({ updated: 1 });
    expect((await t.store.departments()).get('a@acme.example')).toBe('Sales operations');
  });

  it('takes job titles and hire dates from the HR file\'s optional columns', async () => {
    const csv = 'EmailAddress,ResignationDate,LastWorkingDate,Department,JobTitle,HireDate\nnew@acme.example,,,Sales,SDR,2026-11-16\n';
    const response = await t.request('/v1/hr/signals/import', { token: ADMIN, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(await response.json()).toMatchObject({ departments: 1, errors: [] });
    expect((await t.store.directory()).get('new@acme.example')).toMatchObject({ department: 'Sales', jobTitle: 'SDR', hiredOn: '2026-11-16' });
  });

  it('takes job titles, managers and hire dates through the directory API; what an entry leaves out is kept', async () => {
    const put = (employees: unknown[]) => t.request('/v1/hr/directory', { method: 'PUT', token: ADMIN, json: { employees } });
    const full = await put([{ employeeEmail: 'Rep@acme.example', department: 'Sales', jobTitle: 'Account Executive', manager: 'Lead@acme.example', hiredOn: '2026-11-16' }]);
    expect(full.status).toBe(200);
    expect((await t.store.directory()).get('rep@acme.example')).toEqual({ employee: 'rep@acme.example', department: 'Sales', jobTitle: 'Account Executive', manager: 'lead@acme.example', hiredOn: '2026-11-16' });
    // A department-only entry (the older form of this API) moves the person and keeps the rest.
    expect((await put([{ employeeEmail: 'rep@acme.example', department: 'Sales EMEA' }])).status).toBe(200);
    expect((await t.store.directory()).get('rep@acme.example')).toMatchObject({ department: 'Sales EMEA', jobTitle: 'Account Executive', hiredOn: '2026-11-16' });
    for (const bad of [{ hiredOn: '2026-02-30' }, { hiredOn: '16/11/2026' }, { hiredOn: '2026-11-16T00:00:00Z' }, { jobTitle: '' }, { jobTitle: 'x'.repeat(129) }, { jobTitle: 'a\u0000b' }, { manager: 'not an address' }]) {
      const refused = await put([{ employeeEmail: 'rep@acme.example', department: 'Sales', ...bad }]);
      expect(refused.status).toBe(400);
    }
    expect((await t.store.directory()).get('rep@acme.example')).toMatchObject({ department: 'Sales EMEA', jobTitle: 'Account Executive', hiredOn: '2026-11-16' });
    // One person twice in a request is refused (which entry holds would depend on the order); null clears a field.
    const twice = await put([{ employeeEmail: 'rep@acme.example', department: 'Sales' }, { employeeEmail: 'REP@acme.example', department: 'Support' }]);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('rep@acme.example appears more than once');
    expect((await put([{ employeeEmail: 'rep@acme.example', department: 'Sales EMEA', hiredOn: null, manager: null }])).status).toBe(200);
    expect((await t.store.directory()).get('rep@acme.example')).toEqual({ employee: 'rep@acme.example', department: 'Sales EMEA', jobTitle: 'Account Executive', manager: null, hiredOn: null });
  });
});
