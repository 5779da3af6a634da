import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import type { EmployeeRisk } from '../../shared/risk';
import { hashToken } from '../../server/auth/secrets';
import { DEFAULT_SCORING } from '../../server/policy/policy';
import { scoreOrganisation } from '../../server/scoring/organisation-score';
import { peerGroupsFrom } from '../../server/scoring/peer-groups';
import { snapshotFromEvents } from '../../server/scoring/snapshot-from-events';
import type { HrSignalInput } from '../../server/risk/departure';
import { dayIso, generateOrg } from '../bench/synthetic-org';
import { ADMIN, testApp, type TestApp } from './harness';

const DAY_MS = 86_400_000;
const org = generateOrg(17, 30, 75);
const end = new Date(org.start.getTime() + org.days * DAY_MS);

/**
 * One scoring path: an organisation sent through `POST /v1/events` and the HR CSV import, then scored day
 * by day with `GET /v1/employees?asOf=`, gets exactly the scores and factors the same events get in memory.
 * Marketing's fingerprinted trade-fair lists and the careless pastes are what once scored differently: the
 * store dropped their fingerprints and scoring then judged them as CRM data by their count.
 */
describe('the store and the in-memory path score an organisation alike', () => {
  let t: TestApp;
  const events = new Map<string, Event[]>(org.employees.map((p) => [p.email, p.events]));
  const hr = new Map<string, HrSignalInput[]>(org.employees.map((p) => [p.email, p.hr]));
  const groups = peerGroupsFrom(new Map(org.employees.map((p) => [p.email, { employee: p.email, department: p.role }])));

  beforeAll(async () => {
    t = await testApp(end);
    for (const p of org.employees) {
      const token = await t.enroll(p.email);
      for (let i = 0; i < p.events.length; i += 500) {
        const response = await t.request('/v1/events', { token, json: { events: p.events.slice(i, i + 500) } });
        expect(response.status).toBe(200);
      }
    }
    const rows = org.employees.map((p) => {
      const notice = p.hr.find((s) => s.kind === 'resignation_notice')?.effectiveDate ?? '';
      const last = p.hr.find((s) => s.kind === 'last_working_day')?.effectiveDate ?? '';
      return `${p.email},${notice},${last},${p.role}`;
    });
    const imported = await t.request('/v1/hr/signals/import', { token: ADMIN, body: ['EmailAddress,ResignationDate,LastWorkingDate,Department', ...rows].join('\n'), headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    await t.settle();
  }, 300_000);
  afterAll(async () => { await t?.close(); });

  const viaServer = async (at: Date) => {
    const response = await t.request(`/v1/employees?asOf=${encodeURIComponent(at.toISOString())}`, { token: ADMIN });
    expect(response.status).toBe(200);
    return ((await response.json()) as (EmployeeRisk & { pseudonym: string })[]).map(({ pseudonym: _, ...risk }) => risk);
  };
  const inMemory = (at: Date) => scoreOrganisation(snapshotFromEvents(events, hr, groups, at, DEFAULT_SCORING.model), at, DEFAULT_SCORING);

  it('gives every employee the same score and factors at the end of every day, and in the middle of some', async () => {
    const moments: Date[] = [];
    for (let day = 35; day < org.days; day++) moments.push(new Date(org.start.getTime() + (day + 1) * DAY_MS - 1));
    moments.push(new Date(org.start.getTime() + 60 * DAY_MS + 13.5 * 3_600_000), new Date(org.start.getTime() + 70 * DAY_MS + 9.25 * 3_600_000));
    let nonZero = 0;
    for (const at of moments) {
      const expected = inMemory(at);
      expect(await viaServer(at), `as of ${at.toISOString()}`).toEqual(expected);
      nonZero += expected.filter((r) => r.score > 0).length;
    }
    // The comparison means something only if scores moved: leakers, careless pastes and heavy days score.
    expect(nonZero).toBeGreaterThan(moments.length);
  }, 300_000);

  it('answers one employee as of a moment, with HR signals effective by then', async () => {
    const leaker = org.employees.find((p) => p.leak)!;
    const noticeDay = leaker.hr.find((s) => s.kind === 'resignation_notice')!.effectiveDate;
    const before = new Date(Date.parse(`${noticeDay}T00:00:00Z`) - 1);
    const response = await t.request(`/v1/employees/${leaker.email}?asOf=${before.toISOString()}`, { token: ADMIN });
    expect(response.status).toBe(200);
    const body = (await response.json()) as EmployeeRisk & { hrSignals: unknown[] };
    expect(body.hrSignals).toEqual([]);
    expect(body.score).toBe(inMemory(before).find((r) => r.employee === leaker.email)!.score);
    expect(body.updatedAt).toBe(before.toISOString());
    expect(dayIso(org.start, 0) < noticeDay).toBe(true);
  });

  it('saves nothing: the stored scores are unchanged by a backtest', async () => {
    const storedBefore = await t.store.listRisks();
    await viaServer(new Date(org.start.getTime() + 50 * DAY_MS));
    expect(await t.store.listRisks()).toEqual(storedBefore);
  });

  it('is for admin and security: HR gets 403 for asOf', async () => {
    const hrToken = 'adm_hr-token-for-asof-test';
    await t.store.addApiToken(hashToken(hrToken), 'hr', 'hr test');
    expect((await t.request('/v1/employees', { token: hrToken })).status).toBe(200);
    expect((await t.request(`/v1/employees?asOf=${end.toISOString()}`, { token: hrToken })).status).toBe(403);
    expect((await t.request(`/v1/employees/${org.employees[0]!.email}?asOf=${end.toISOString()}`, { token: hrToken })).status).toBe(403);
  });
});
