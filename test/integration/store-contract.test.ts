import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import type { AlertUpsert, Device, EventFilter, Store } from '../../server/store/store';
import { make } from './harness';
import { openPostgresTestStore, openSqliteTestStore, postgresSkipNotice, postgresUnavailable, type TestStore } from './test-stores';

// The same tests for every backend: callers of the Store must not be able to tell which one they have.
const pgUnavailable = await postgresUnavailable();
if (pgUnavailable) console.warn(postgresSkipNotice('Store contract on PostgreSQL', pgUnavailable));

describe('Store contract on SQLite (fresh file)', () => storeContract('sqlite', () => openSqliteTestStore()));
describe.skipIf(pgUnavailable !== undefined)('Store contract on PostgreSQL (fresh schema)', () => storeContract('postgres', () => openPostgresTestStore()));

const T0 = Date.parse('2026-11-02T10:00:00.000Z');
/** An ISO timestamp `minutes` after T0. */
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const exportBy = (employee: string, minutes: number, extra: Record<string, unknown> = {}) => make.export(employee, at(minutes), extra) as Event;
const device = (id = randomUUID()): Device => ({ id, employee: 'ann@acme.example', name: 'laptop', extensionVersion: '1.0.0', enrolledAt: at(0), lastSeenAt: null });
const candidate = (triggerIds: string[], extra: Partial<AlertUpsert> = {}): AlertUpsert => ({
  employee: 'ann@acme.example', pattern: 'collect_then_exfiltrate', severity: 'high', title: 'Export then upload',
  eventIds: triggerIds, triggerIds, details: { destinations: ['gmail'] }, ...extra,
});

function storeContract(dialect: Store['dialect'], open: () => Promise<TestStore>) {
  let opened: TestStore;
  let store: Store;
  beforeEach(async () => { opened = await open(); store = opened.store; });
  afterEach(async () => { await opened.destroy(); });

  it('names its dialect, answers ping and migrates again without harm', async () => {
    expect(store.dialect).toBe(dialect);
    await store.ping();
    await store.migrate();
    expect(await store.countEvents()).toBe(0);
  });

  it('keeps the directory: job title, manager and hire date beside the department, kept when a later entry does not say', async () => {
    await store.setDirectory([{ employee: 'ann@acme.example', department: 'Sales', jobTitle: 'SDR', manager: 'max@acme.example', hiredOn: '2026-11-16' }], at(0));
    await store.setDirectory([{ employee: 'ann@acme.example', department: 'Sales EMEA' }], at(1));
    await store.setDirectory([{ employee: 'bob@acme.example', department: 'Support' }], at(2));
    const directory = await store.directory();
    expect(directory.get('ann@acme.example')).toEqual({ employee: 'ann@acme.example', department: 'Sales EMEA', jobTitle: 'SDR', manager: 'max@acme.example', hiredOn: '2026-11-16' });
    expect(directory.get('bob@acme.example')).toEqual({ employee: 'bob@acme.example', department: 'Support', jobTitle: null, manager: null, hiredOn: null });
    await store.setDirectory([{ employee: 'ann@acme.example', department: 'Sales EMEA', jobTitle: 'Account executive' }], at(3));
    expect((await store.directory()).get('ann@acme.example')).toMatchObject({ jobTitle: 'Account executive', hiredOn: '2026-11-16' });
    // The HR import writes the directory in the same transaction as its signals, the same way.
    await store.importHr([], [{ employee: 'ann@acme.example', department: 'Sales DACH', hiredOn: '2026-11-23' }], at(4));
    expect((await store.directory()).get('ann@acme.example')).toMatchObject({ department: 'Sales DACH', jobTitle: 'Account executive', hiredOn: '2026-11-23' });
  });

  it('keeps settings: the first initSetting wins, even in a race; setSetting overwrites', async () => {
    expect(await store.getSetting('salt')).toBeUndefined();
    const [a, b] = await Promise.all([store.initSetting('salt', 'first'), store.initSetting('salt', 'second')]);
    expect(a).toBe(b);
    expect(await store.initSetting('salt', 'third')).toBe(a);
    await store.setSetting('salt', 'changed');
    expect(await store.getSetting('salt')).toBe('changed');
  });

  it('finds devices by token hash, touches them with their batches and refuses a reused token hash', async () => {
    const d = device();
    await store.createDevice(d, 'hash-1', 'Chrome');
    expect(await store.deviceByTokenHash('hash-1')).toEqual({ ...d, uninstalledAt: null, incognitoAllowed: null, noticeAcknowledgedAt: null });
    expect(await store.deviceByTokenHash('hash-2')).toBeUndefined();
    await store.insertEvents(d.id, [exportBy('ann@acme.example', 1)], at(5), { lastSeenAt: at(5), coverage: { extensionVersion: '1.1.0', incognitoAllowed: true } });
    expect(await store.deviceByTokenHash('hash-1')).toMatchObject({ lastSeenAt: at(5), extensionVersion: '1.1.0', incognitoAllowed: true });
    // A resend (all duplicates) still touches; a last-seen time never moves back.
    await store.insertEvents(d.id, [exportBy('ann@acme.example', 1)], at(7), { lastSeenAt: at(7) });
    await store.insertEvents(d.id, [exportBy('ann@acme.example', 2)], at(6), { lastSeenAt: at(6) });
    expect((await store.deviceByTokenHash('hash-1'))?.lastSeenAt).toBe(at(7));
    await expect(store.createDevice(device(), 'hash-1', null)).rejects.toThrow();
  });

  it('touches every device of batches written at once, each with its own coverage', async () => {
    const devices = Array.from({ length: 6 }, () => device());
    for (const [i, d] of devices.entries()) await store.createDevice(d, `hash-${i}`, null);
    await Promise.all(devices.map((d, i) => store.insertEvents(d.id, [exportBy('ann@acme.example', 10 + i)], at(10), {
      lastSeenAt: at(10), coverage: i % 3 === 0 ? undefined : { extensionVersion: `2.${i % 3}.0` },
    })));
    const stored = await store.listDevices('ann@acme.example');
    expect(devices.map((d) => stored.find((s) => s.id === d.id))).toEqual(devices.map((d, i) => expect.objectContaining({
      lastSeenAt: at(10), extensionVersion: i % 3 === 0 ? '1.0.0' : `2.${i % 3}.0`,
    })));
  });

  it('inserts events once: repeats and duplicates within a batch count as duplicates', async () => {
    expect(await store.insertEvents('dev', [], at(0))).toEqual({ inserted: [], duplicate: 0 });
    const [a, b] = [exportBy('ann@acme.example', 1), exportBy('ann@acme.example', 2)];
    const first = await store.insertEvents('dev', [a!, a!, b!], at(3));
    expect(first.inserted.map((e) => e.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(first.duplicate).toBe(1);
    expect(await store.insertEvents('dev', [b!, a!], at(4))).toEqual({ inserted: [], duplicate: 2 });
    expect(await store.countEvents()).toBe(2);
  });

  it('inserts batches larger than one statement, and concurrent copies of a batch exactly once', async () => {
    const events = Array.from({ length: 250 }, (_, i) => exportBy('ann@acme.example', i));
    await store.insertEvents('dev', events.slice(0, 50), at(0));
    const big = await store.insertEvents('dev', events, at(1));
    expect([big.inserted.length, big.duplicate]).toEqual([200, 50]);
    const batch = Array.from({ length: 60 }, (_, i) => exportBy('bob@acme.example', i));
    const results = await Promise.all([1, 2, 3, 4].map(() => store.insertEvents('dev', batch, at(2))));
    expect(results.reduce((n, r) => n + r.inserted.length, 0)).toBe(60);
    expect(results.reduce((n, r) => n + r.duplicate, 0)).toBe(180);
    expect(await store.countEvents()).toBe(310);
  });

  it('writes concurrent batches together, each with its own device, time and daily sums, and a bad batch fails alone', async () => {
    const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 20 }, (_, i) => exportBy(`rep${b}@acme.example`, i, { rows: 10 })));
    // Batch 11 repeats half of batch 0; batch 5 carries an instant no database stores.
    batches[11] = [...batches[11]!.slice(0, 10), ...batches[0]!.slice(0, 10)];
    batches[5] = [...batches[5]!.slice(0, 19), exportBy('rep5@acme.example', 0, { occurredAt: 'not a time' })];
    const results = await Promise.allSettled(batches.map((events, b) => store.insertEvents(`dev-${b}`, events, at(100 + b))));
    expect(results[5]!.status).toBe('rejected');
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(stored.map((r) => r.inserted.length + r.duplicate)).toEqual(stored.map(() => 20));
    expect(stored.reduce((n, r) => n + r.inserted.length, 0)).toBe(10 * 20 + 10);
    expect(await store.countEvents()).toBe(210);
    const [first] = await store.listEvents({ employee: 'rep7@acme.example', limit: 1 });
    expect(first).toMatchObject({ deviceId: 'dev-7', receivedAt: at(107) });
    const sums = await store.scoringData(['rep0@acme.example', 'rep5@acme.example', 'rep11@acme.example'], { dailySince: '2000-01-01' });
    const rows = (employee: string) => (sums.get(employee)?.daily ?? []).reduce((n, d) => n + (d.values.export_rows ?? 0), 0);
    expect([rows('rep0@acme.example'), rows('rep5@acme.example'), rows('rep11@acme.example')]).toEqual([200, 0, 100]);
  });

  it('returns each event exactly as sent, with its device and arrival time', async () => {
    const odd = exportBy('ann@acme.example', 0, { occurredAt: '2026-11-02T12:00:00+02:00', fileName: 'Kontakte – ünïcödé 🚀.csv', origin: 'https://a\u0000b.example' });
    await store.insertEvents('dev-1', [odd], at(9));
    expect(await store.listEvents({ limit: 10 })).toEqual([{ event: odd, deviceId: 'dev-1', receivedAt: at(9) }]);
  });

  it('lists events newest first (ties by id), filtered by employee, type and since, up to the limit', async () => {
    const tied = [exportBy('ann@acme.example', 5), exportBy('ann@acme.example', 5)];
    const copy = make.copy('ann@acme.example', at(7)) as Event;
    await store.insertEvents('dev', [exportBy('ann@acme.example', 1), ...tied, copy, exportBy('bob@acme.example', 6)], at(8));
    const ids = async (filter: EventFilter) => (await store.listEvents(filter)).map((s) => s.event.id);
    const tiedIds = tied.map((e) => e.id).sort();
    expect((await store.listEvents({ employee: 'ann@acme.example', limit: 10 })).map((s) => s.event.occurredAt)).toEqual([at(7), at(5), at(5), at(1)]);
    expect(await ids({ employee: 'ann@acme.example', type: 'crm.export', since: at(5), limit: 10 })).toEqual(tiedIds);
    expect(await ids({ since: '2026-11-02T12:06:00+02:00', limit: 10 })).toHaveLength(2);
    expect(await ids({ type: 'crm.copy', limit: 10 })).toEqual([copy.id]);
    expect(await ids({ limit: 2 })).toEqual([copy.id, (await ids({ employee: 'bob@acme.example', limit: 1 }))[0]]);
  });

  it('gives one employee’s events since a time, oldest first', async () => {
    const events = [exportBy('ann@acme.example', 3), exportBy('ann@acme.example', 1), exportBy('ann@acme.example', 2), exportBy('bob@acme.example', 2)];
    await store.insertEvents('dev', events, at(4));
    expect((await store.employeeEvents('ann@acme.example', at(2))).map((e) => e.occurredAt)).toEqual([at(2), at(3)]);
  });

  it('reads the window’s notable events for scoring: of the employees asked for or of all, oldest first (ties by id), no record views or heartbeats', async () => {
    const base = { employee: 'ann@acme.example', origin: 'https://acme.lightning.force.com' };
    const view = { ...base, id: randomUUID(), type: 'crm.record_view', occurredAt: at(2), crm: 'salesforce', recordHash: '00000000000000aa' } as Event;
    const heartbeat = { ...base, id: randomUUID(), type: 'agent.heartbeat', occurredAt: at(2), origin: 'chrome-extension://crm-guard', extensionVersion: '1.0.0', queueDepth: 0 } as Event;
    // Tied in time, and stored in separate batches, the higher id first: read back by id, not as stored.
    const [low, high] = [randomUUID(), randomUUID()].sort();
    const tied = [exportBy('ann@acme.example', 2, { id: low }), make.copy('ann@acme.example', at(2), { id: high }) as Event];
    // 10:00:30Z: before at(1) (10:01Z) in time, after it as text.
    const early = exportBy('ann@acme.example', 0, { occurredAt: '2026-11-02T11:00:30+01:00' });
    const first = make.copy('ann@acme.example', at(1)) as Event;
    const ann = [exportBy('ann@acme.example', -10), view, heartbeat, first, early];
    const bob = exportBy('bob@acme.example', 3);
    const carol = make.upload('carol@acme.example', at(5)) as Event;
    await store.insertEvents('dev', [tied[1]!, ...ann, bob, carol], at(6));
    await store.insertEvents('dev', [tied[0]!], at(7));
    const ids = (data: Awaited<ReturnType<Store['scoringData']>>, employee: string) => (data.get(employee)?.notable ?? []).map((e) => e.id);
    const annExpected = [early.id, first.id, low, high];

    const round = await store.scoringData(['ann@acme.example', 'bob@acme.example'], { eventsSince: at(0) });
    expect(ids(round, 'ann@acme.example')).toEqual(annExpected);
    expect(ids(round, 'bob@acme.example')).toEqual([bob.id]);
    expect(round.has('carol@acme.example')).toBe(false);
    const everyone = await store.scoringData('all', { eventsSince: at(0) });
    expect([ids(everyone, 'ann@acme.example'), ids(everyone, 'bob@acme.example'), ids(everyone, 'carol@acme.example')]).toEqual([annExpected, [bob.id], [carol.id]]);
  });

  it('maps API tokens to roles; a known hash keeps its first role', async () => {
    await store.addApiToken('tok', 'security', 'first');
    await store.addApiToken('tok', 'admin', 'again');
    expect(await store.roleForApiToken('tok')).toBe('security');
    expect(await store.roleForApiToken('other')).toBeUndefined();
  });

  it('keeps sessions until they expire or are deleted', async () => {
    await store.createSession('sid', 'hr', 'carol@acme.example', at(60));
    expect(await store.sessionByIdHash('sid', at(59))).toEqual({ role: 'hr', subject: 'carol@acme.example' });
    expect(await store.sessionByIdHash('sid', at(60))).toBeUndefined();
    expect(await store.sessionByIdHash('other', at(0))).toBeUndefined();
    await store.deleteSession('sid');
    expect(await store.sessionByIdHash('sid', at(0))).toBeUndefined();
  });

  it('records an HR signal once per employee, kind and date, and lists them by date', async () => {
    const signal = (kind: 'resignation_notice' | 'last_working_day', effectiveDate: string, employee = 'ann@acme.example') =>
      ({ id: randomUUID(), employee, kind, effectiveDate, source: 'csv', createdAt: at(0) });
    const last = signal('last_working_day', '2026-11-30');
    expect(await store.addHrSignal(last)).toBe(true);
    expect(await store.addHrSignal(signal('last_working_day', '2026-11-30'))).toBe(false);
    const notice = signal('resignation_notice', '2026-11-01');
    expect(await store.addHrSignal(notice)).toBe(true);
    expect(await store.addHrSignal(signal('resignation_notice', '2026-11-01', 'bob@acme.example'))).toBe(true);
    expect(await store.hrSignals('ann@acme.example')).toEqual([notice, last]);
  });

  it('saves risk exactly, lists it highest first, and keeps one history point per day', async () => {
    const factors = [{ id: 'crm_export', points: 33.333333333333336, summary: 'Exported contacts', eventIds: ['e1'] }];
    const risk = (employee: string, score: number, updatedAt: string) => ({ employee, score, level: 'medium' as const, factors, updatedAt });
    await store.saveRisk(risk('ann@acme.example', 33.333333333333336, '2026-11-01T09:00:00.000Z'));
    await store.saveRisk(risk('ann@acme.example', 41.7, '2026-11-02T09:00:00.000Z'));
    await store.saveRisk(risk('ann@acme.example', 45.123456789, '2026-11-02T18:00:00.000Z'));
    await store.saveRisk(risk('bob@acme.example', 45.123456789, '2026-11-02T10:00:00.000Z'));
    await store.saveRisk(risk('cid@acme.example', 12.5, '2026-11-02T10:00:00.000Z'));
    expect(await store.risk('ann@acme.example')).toEqual(risk('ann@acme.example', 45.123456789, '2026-11-02T18:00:00.000Z'));
    expect(await store.risk('nobody@acme.example')).toBeUndefined();
    expect((await store.listRisks()).map((r) => r.employee)).toEqual(['ann@acme.example', 'bob@acme.example', 'cid@acme.example']);
    expect(await store.riskHistory('ann@acme.example')).toEqual([{ day: '2026-11-01', score: 33.333333333333336 }, { day: '2026-11-02', score: 45.123456789 }]);
    // Rewriting touches only days already in the history, and only that employee's.
    await store.rewriteRiskHistory('ann@acme.example', [{ day: '2026-11-01', score: 50.5 }, { day: '2026-10-31', score: 9 }]);
    expect(await store.riskHistory('ann@acme.example')).toEqual([{ day: '2026-11-01', score: 50.5 }, { day: '2026-11-02', score: 45.123456789 }]);
    expect(await store.riskHistory('bob@acme.example')).toEqual([{ day: '2026-11-02', score: 45.123456789 }]);
    expect((await store.risk('ann@acme.example'))!.score).toBe(45.123456789);
  });

  it('opens an alert, then merges new evidence into it while it is open or investigating', async () => {
    const opened = (await store.upsertOpenAlert(candidate(['e1']), at(0)))!;
    expect(opened).toMatchObject({ status: 'open', severity: 'high', triggerIds: ['e1'], assignee: null, reason: null, createdAt: at(0), updatedAt: at(0) });
    expect(await store.alert(opened.id)).toEqual(opened);
    await store.updateAlert(opened.id, { status: 'investigating', assignee: 'sec@acme.example' }, at(1));
    const merged = await store.upsertOpenAlert(candidate(['e2'], { severity: 'medium', title: 'Again', eventIds: ['e0', 'e2'], details: { n: 2 } }), at(2));
    expect(merged).toEqual({ ...opened, status: 'investigating', assignee: 'sec@acme.example', severity: 'high', title: 'Again',
      eventIds: ['e1', 'e0', 'e2'], triggerIds: ['e1', 'e2'], details: { n: 2 }, updatedAt: at(2), triagedAt: at(1),
      // An alert that is not a case is its own single reason.
      patterns: [{ pattern: 'collect_then_exfiltrate', severity: 'high', title: 'Again' }] });
    expect(await store.alert(opened.id)).toEqual(merged);
    expect(await store.listAlerts({})).toHaveLength(1);
  });

  it('leaves closed alerts closed: covered triggers change nothing, a new trigger opens a new alert', async () => {
    const first = (await store.upsertOpenAlert(candidate(['e1', 'e2']), at(0)))!;
    await store.updateAlert(first.id, { status: 'dismissed', reason: 'approved migration' }, at(1));
    expect(await store.upsertOpenAlert(candidate(['e2', 'e1']), at(2))).toBeUndefined();
    expect(await store.listAlerts({})).toHaveLength(1);
    const second = (await store.upsertOpenAlert(candidate(['e1', 'e3']), at(3)))!;
    expect(second.id).not.toBe(first.id);
    expect((await store.alert(first.id))?.status).toBe('dismissed');
  });

  it('keeps one open alert per employee and pattern, even when upserts race', async () => {
    const results = await Promise.all(['e1', 'e2', 'e3', 'e4', 'e5'].map((id, i) => store.upsertOpenAlert(candidate([id]), at(i))));
    expect(new Set(results.map((a) => a!.id)).size).toBe(1);
    const [only, ...rest] = await store.listAlerts({ status: 'open' });
    expect(rest).toHaveLength(0);
    expect(only!.triggerIds.sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    await store.updateAlert(only!.id, { status: 'resolved' }, at(6));
    const next = (await store.upsertOpenAlert(candidate(['e6']), at(7)))!;
    // The partial unique index itself refuses a second open alert, whoever writes it.
    await expect(store.updateAlert(only!.id, { status: 'open' }, at(8))).rejects.toThrow();
    await store.updateAlert(next.id, { status: 'resolved' }, at(9));
    expect((await store.updateAlert(only!.id, { status: 'open' }, at(10)))?.status).toBe('open');
  });

  it('updates only the fields given, and lists alerts by status and employee, latest first', async () => {
    const a = (await store.upsertOpenAlert(candidate(['e1']), at(0)))!;
    const b = (await store.upsertOpenAlert(candidate(['e2'], { employee: 'bob@acme.example' }), at(1)))!;
    expect(await store.updateAlert(a.id, { assignee: 'sec@acme.example' }, at(2))).toEqual({ ...a, assignee: 'sec@acme.example', updatedAt: at(2) });
    const confirmed = await store.updateAlert(a.id, { status: 'confirmed', reason: 'real', assignee: null }, at(3));
    // The first status change away from open is when it was triaged.
    expect(confirmed).toEqual({ ...a, status: 'confirmed', reason: 'real', assignee: null, updatedAt: at(3), triagedAt: at(3) });
    expect((await store.updateAlert(a.id, { status: 'resolved' }, at(4)))!.triagedAt).toBe(at(3));
    expect(await store.updateAlert(randomUUID(), { status: 'resolved' }, at(5))).toBeUndefined();
    expect(await store.alert(randomUUID())).toBeUndefined();
    expect((await store.listAlerts({})).map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await store.listAlerts({ status: 'open' })).map((x) => x.id)).toEqual([b.id]);
    await store.updateAlert(b.id, { status: 'investigating' }, at(6));
    expect((await store.listAlerts({ sort: 'updated', dir: 'asc' })).map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await store.listAlerts({ employee: 'ann@acme.example' })).map((x) => x.id)).toEqual([a.id]);
  });
}
