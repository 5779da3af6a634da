import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { purgeExpired } from '../../server/scoring/schedule';
import { hashToken } from '../../server/auth/secrets';
import type { Store } from '../../server/store/store';
import type { Event } from '../../shared/events';
import { fingerprints, make } from './harness';
import { openPostgresTestStore, openSqliteTestStore, postgresSkipNotice, postgresUnavailable, type TestStore } from './test-stores';

const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('Retention on PostgreSQL', pgUnavailable));

describe('retention purge on SQLite', () => retention(() => openSqliteTestStore()));
describe.skipIf(pgUnavailable !== undefined)('retention purge on PostgreSQL', () => retention(() => openPostgresTestStore()));

const NOW = new Date('2026-11-02T10:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const ADMIN = 'adm_retention-test';

function retention(open: () => Promise<TestStore>) {
  let opened: TestStore;
  let store: Store;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    await store.addApiToken(hashToken(ADMIN), 'admin', 'test');
  });
  afterEach(async () => { await opened.destroy(); });

  const app = () => createApp({ store, secrets: { enrollmentToken: 'enr_x', fingerprintSalt: 'salt-salt-salt-salt', fingerprintKey: 'fingerprint-key-of-this-test-0123456789', auditKey: 'audit-key-of-this-test-0123456789abcdef' }, now: () => NOW });
  const ids = async (employee: string) => (await store.listEvents({ employee, limit: 100 })).map((s) => s.event.id).sort();

  it('deletes events, their daily sums, lineage, history and closed alerts older than retentionDays (180 by default), keeping open alerts', async () => {
    const who = 'ann@acme.example';
    const contacts = fingerprints(20);
    const old = [make.export(who, daysAgo(200), { fingerprints: contacts }), make.upload(who, daysAgo(200), { fingerprints: contacts })] as Event[];
    const recent = [make.export(who, daysAgo(10)), make.copy(who, daysAgo(1))] as Event[];
    await store.insertEvents('device-1', [...old, ...recent], NOW.toISOString());
    await store.saveLineage(who, old[1]!, { matched: 20, total: 20, share: 1, sourceEventIds: [old[0]!.id] });
    await store.saveRisks([{ employee: who, score: 40, level: 'medium', factors: [], updatedAt: daysAgo(200) }]);
    await store.saveRisks([{ employee: who, score: 10, level: 'low', factors: [], updatedAt: daysAgo(1) }]);
    const base = { employee: who, severity: 'high' as const, title: 'old', details: {} };
    const closed = (await store.upsertOpenAlert({ ...base, pattern: 'crm_contacts_exfiltrated', eventIds: [old[1]!.id], triggerIds: [old[1]!.id] }, daysAgo(199)))!;
    await store.updateAlert(closed.id, { status: 'resolved' }, daysAgo(199));
    const open = (await store.upsertOpenAlert({ ...base, pattern: 'departure_risk', eventIds: [old[0]!.id], triggerIds: ['level:high'] }, daysAgo(199)))!;
    await store.outbox.enqueue(closed.id, 'digest', [{ integration: 'webhook', payload: '{}' }], daysAgo(199));
    const [letter] = await store.outbox.claimDue(daysAgo(199), daysAgo(199), 10);
    await store.outbox.failed(letter!.id, 'receiver down', null, daysAgo(199));

    const counts = await purgeExpired(app().services);
    expect(counts).toEqual({ events: 2, activity_days: expect.any(Number), event_volume_daily: expect.any(Number), record_views_daily: 0, lineage: 1, risk_history: 1, alerts: 1, outbox: 1, alert_announcements: 1 });
    expect(counts.activity_days).toBeGreaterThan(0);
    expect(await ids(who)).toEqual(recent.map((e) => e.id).sort());
    expect((await store.riskHistory(who)).map((h) => h.day)).toEqual([daysAgo(1).slice(0, 10)]);
    expect((await store.scoringData([who], { dailySince: daysAgo(400).slice(0, 10), eventsSince: daysAgo(400) })).get(who)?.lineage.size).toBe(0);
    expect((await store.listAlerts({})).map((a) => a.id)).toEqual([open.id]);
    expect(await store.outbox.deadLetters(10)).toEqual([]);
    // Nothing left to purge: a second run deletes nothing.
    expect(Object.values(await purgeExpired(app().services)).every((n) => n === 0)).toBe(true);
  });

  it('follows the policy: retentionDays 7 also removes last week\'s activity; bad values are refused', async () => {
    const who = 'bo@acme.example';
    const events = [make.export(who, daysAgo(10)), make.copy(who, daysAgo(1))] as Event[];
    await store.insertEvents('device-2', events, NOW.toISOString());
    const a = app();
    const put = (json: unknown) => a.request('/v1/policy', { method: 'PUT', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const refused = await put({ retentionDays: 3 });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { details: { fields: [{ path: 'retentionDays' }] } } });
    const saved = await put({ retentionDays: 7 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ retentionDays: 7 });
    expect((await purgeExpired(a.services)).events).toBe(1);
    expect(await ids(who)).toEqual([events[1]!.id]);
  });
}
