import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, appWithEmployee, fingerprints, make } from './harness';

const LEAVER = 'boris@acme.example';
const NOW = new Date('2026-11-02T10:00:00Z');

const paste = (employee: string, at: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(), type: 'webmail.paste', occurredAt: at, employee, origin: 'https://mail.google.com',
  destination: 'gmail', emailCount: 48, phoneCount: 0, rowCount: 48, charCount: 3000, ...extra,
});

/** Issue 18: one open alert per person and incident, its patterns inside it, counts of distinct contacts. */
describe('alert cases', () => {
  const app = appWithEmployee(LEAVER, NOW);
  const post = async (events: unknown[]) => expect((await app.post(events)).status).toBe(200);
  const alerts = async (query = '?status=open') => (await (await app.t.request(`/v1/alerts${query}`, { token: ADMIN })).json()) as Alert[];

  it('counts the same 48 contacts uploaded, pasted and uploaded again as 48, in one case with the departure risk inside', async () => {
    const contacts = fingerprints(48);
    await post([make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: fingerprints(120), rows: 120 })]);
    await post([make.upload(LEAVER, '2026-11-02T08:30:00Z', { fingerprints: contacts, emailCount: 48 })]);
    await post([paste(LEAVER, '2026-11-02T08:40:00Z', { fingerprints: contacts })]);
    await post([make.upload(LEAVER, '2026-11-02T08:50:00Z', { fingerprints: contacts, emailCount: 48 })]);

    const open = await alerts();
    expect(open).toHaveLength(1);
    const [found] = open;
    expect(found!.pattern).toBe('crm_contacts_exfiltrated');
    expect(found!.patterns.map((p) => p.pattern)).toEqual(expect.arrayContaining(['crm_contacts_exfiltrated', 'departure_risk']));
    expect(found!.patterns[0]!.pattern).toBe('crm_contacts_exfiltrated');
    expect(found!.title).toMatch(/^48 CRM contacts sent to gmail in 3 uploads and pastes/);
    expect(found!.title).not.toMatch(/96|144/);
    expect(found!.details).toMatchObject({ totalMatchedContacts: 48, acts: 3 });
    expect(found!.score).toBeGreaterThanOrEqual(60);

    // The alert page's lineage says what the title says.
    const detail = (await (await app.t.request(`/v1/alerts/${found!.id}`, { token: ADMIN })).json()) as { lineage: { contacts: number; share: number } };
    expect(detail.lineage).toMatchObject({ contacts: 48, share: 1 });
    // The score's explanation counts them once too.
    const risk = (await (await app.t.request(`/v1/employees/${LEAVER}`, { token: ADMIN })).json()) as { factors: { id: string; summary: string }[] };
    expect(risk.factors.find((f) => f.id === 'lineage_match')!.summary).toMatch(/^Sent 48 contacts seen in the CRM/);
    // Any of the case's patterns finds it.
    expect((await alerts('?pattern=departure_risk')).map((a) => a.id)).toEqual([found!.id]);
    expect((await alerts('?pattern=crm_contacts_exfiltrated')).map((a) => a.id)).toEqual([found!.id]);
  });

  it('counts 48 and then 60 overlapping contacts as 60, and grows the same case', async () => {
    const crm = fingerprints(60);
    await post([make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: crm, rows: 60 })]);
    await post([make.upload(LEAVER, '2026-11-02T08:30:00Z', { fingerprints: crm.slice(0, 48), emailCount: 48 })]);
    const [first] = await alerts();
    await post([make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: crm, emailCount: 60, fileName: 'all.csv' })]);
    const open = await alerts();
    expect(open.map((a) => a.id)).toEqual([first!.id]);
    expect(open[0]!.details).toMatchObject({ totalMatchedContacts: 60 });
    expect(open[0]!.title).toMatch(/^60 CRM contacts/);
  });

  it('re-raises a dismissed case only with new evidence, as a new case', async () => {
    const contacts = fingerprints(30);
    const evidence = [make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(LEAVER, '2026-11-02T08:30:00Z', { fingerprints: contacts })];
    await post(evidence);
    const [first] = await alerts();
    expect((await app.t.request(`/v1/alerts/${first!.id}`, { method: 'PATCH', token: ADMIN, json: { status: 'dismissed', reason: 'approved transfer' } })).status).toBe(200);
    // The same evidence again (a resend rescores) raises nothing.
    await post(evidence);
    expect(await alerts()).toEqual([]);
    await post([paste(LEAVER, '2026-11-02T09:30:00Z', { fingerprints: contacts })]);
    const reopened = await alerts();
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.id).not.toBe(first!.id);
  });

  it('merges open alerts from before cases into one', async () => {
    const base = { employee: LEAVER, severity: 'high' as const, title: 'old', details: {} };
    const older = (await app.t.store.upsertOpenAlert({ ...base, pattern: 'departure_risk', eventIds: ['a'], triggerIds: ['level:high'] }, '2026-11-01T00:00:00.000Z'))!;
    const other = (await app.t.store.upsertOpenAlert({ ...base, pattern: 'crm_contacts_exfiltrated', eventIds: ['b'], triggerIds: ['b'] }, '2026-11-01T01:00:00.000Z'))!;
    const merged = (await app.t.store.upsertOpenAlert({ ...base, pattern: 'crm_contacts_exfiltrated', patterns: ['crm_contacts_exfiltrated', 'departure_risk'], score: 85, severity: 'critical', eventIds: ['c'], triggerIds: ['c'] }, NOW.toISOString()))!;
    expect(merged.id).toBe(older.id);
    expect(merged).toMatchObject({ pattern: 'crm_contacts_exfiltrated', severity: 'critical', score: 85 });
    expect([...merged.eventIds].sort()).toEqual(['a', 'b', 'c']);
    expect(await app.t.store.alert(other.id)).toMatchObject({ status: 'resolved', reason: `Merged into case ${older.id}` });
    expect((await alerts()).map((a) => a.id)).toEqual([older.id]);
  });
});
