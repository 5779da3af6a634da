import { setImmediate } from 'node:timers/promises';
import type { EmployeeRisk } from '../../shared/risk';
import { announceAlert, wakeDispatcher } from '../integrations/announce';
import { caseOf } from '../alerts/cases';
import { detectAlerts } from '../risk/alerts';
import { addDays, DAY_MS, isoDay, windowStart } from '../risk/days';
import { RISK_MODEL, type RiskModel } from '../risk/model';
import type { ScoringSettings } from '../policy/policy';
import { departureWindow, type HrSignalInput } from '../risk/departure';
import { firstActiveDay, PeerPool, type PeerContext } from '../risk/peers';
import { scoreEmployee } from '../risk/score';
import { setAsideChangeWindows, type ChangeWindowInput } from '../risk/change-windows';
import { windowsByEmployee } from './change-windows';
import { peerGroupsFrom } from './peer-groups';
import { scoringDataFor } from './scoring-reads';
import type { ScoringData } from '../store/activity';
import type { HrSignalRecord, Store } from '../store/store';

export { DEFAULT_GROUP } from './peer-groups';
/** Peer baselines move slowly; the scheduled full rescore refreshes them, ingest reuses them this long. */
const PEERS_MAX_AGE_MS = 15 * 60_000;
/** Employees whose rows the full rescore and the peer baselines read at once. */
const CHUNK = 500;

const running = new Map<string, Promise<unknown>>();

/** One employee's `rescoreEmployees`. */
export async function rescoreEmployee(store: Store, employee: string, now: Date, settings: ScoringSettings): Promise<EmployeeRisk> {
  return (await rescoreEmployees(store, [employee], now, settings))[0]!;
}

/**
 * Rescores some employees together from the stored daily sums, notable events and lineage, with the cached
 * peer baselines: a handful of queries for the lot, so a busy server's many employees cost about what one
 * does. One rescore per employee at a time: in this process by chaining, across server processes by the
 * store's employee locks. Whoever takes a lock last reads every batch committed before it, and scores at a
 * moment no earlier than the stored score's, so its score is the one kept: no batch is left unscored.
 * Returns the risks sorted by employee, the order in which every rescore, full or not, writes its rows
 * (two transactions that lock rows in different orders deadlock).
 */
export function rescoreEmployees(store: Store, employees: readonly string[], now: Date, settings: ScoringSettings): Promise<EmployeeRisk[]> {
  const unique = [...new Set(employees)].sort();
  const previous = Promise.all(unique.map((employee) => running.get(employee)?.catch(() => undefined)));
  const next = previous.then(async () => {
    // Peers first, outside the locks: loading them needs pool connections the locked transaction must not wait for.
    const groups = new Map<string, { peers: PeerContext | undefined; hiredOn: string | undefined }>();
    for (const employee of unique) {
      const peers = await peersOf(store, now, settings.model, employee);
      groups.set(employee, { peers: peers.group(employee), hiredOn: peers.hiredOn(employee) });
    }
    let queued = false;
    const risks = await store.withEmployeeLocks(unique, async (locked) => {
      const [stored, hr, windows] = await Promise.all([locked.risksOf(unique), locked.hrSignalsOf(unique), locked.changeWindows().then(windowsByEmployee)]);
      const atOf = (employee: string) => {
        const updatedAt = stored.get(employee)?.updatedAt;
        return updatedAt && Date.parse(updatedAt) > now.getTime() ? new Date(updatedAt) : now;
      };
      const ranges = new Map(unique.map((employee) => [employee, rangeFor(atOf(employee), settings.model, hr.get(employee))]));
      const data = await scoringDataFor(locked, ranges, rangeFor(now, settings.model));
      const risks = unique.map((employee) => score(employee, data.get(employee), hr.get(employee) ?? [], groups.get(employee)!.peers, atOf(employee), settings, windows.get(employee), groups.get(employee)!.hiredOn));
      await locked.saveRisks(risks);
      for (const risk of risks) if (await raiseAlerts(locked, risk, data.get(risk.employee), atOf(risk.employee), settings)) queued = true;
      return risks;
    });
    // A delivery queued inside the locks' transaction (PostgreSQL) was invisible to the dispatcher until it committed.
    if (queued) wakeDispatcher(store);
    return risks;
  });
  for (const employee of unique) running.set(employee, next);
  void next.finally(() => { for (const employee of unique) if (running.get(employee) === next) running.delete(employee); }).catch(() => undefined);
  return next;
}

/**
 * Everyone, with fresh peer baselines. The daily sums (the bulk: a row per employee and day) are read,
 * scored, saved and let go CHUNK employees at a time, so memory holds one chunk of them, not the whole
 * organisation's, and requests get the event loop between chunks (SQLite's queries run synchronously in
 * this thread). The notable events and lineage (a few per employee) come in two reads, the window's and
 * the longer look-back of those under notice: per chunk, SQLite would walk the window's events each time.
 */
export async function rescoreAll(store: Store, now: Date, settings: ScoringSettings): Promise<EmployeeRisk[]> {
  const [employees, hr, windows] = await Promise.all([store.knownEmployees(), store.allHrSignals(), store.changeWindows().then(windowsByEmployee)]);
  const peers = await loadPeers(store, now, settings.model, employees);
  // Someone under notice is scored over the departure look-back, which reaches further than the window.
  const ranges = new Map(employees.map((employee) => [employee, rangeFor(now, settings.model, hr.get(employee))]));
  const usual = rangeFor(now, settings.model);
  const events = await store.scoringData('all', { eventsSince: usual.eventsSince });
  const further = new Map([...ranges].filter(([, range]) => range.eventsSince !== usual.eventsSince).map(([employee, range]) => [employee, { eventsSince: range.eventsSince }]));
  for (const [employee, found] of await scoringDataFor(store, further, { eventsSince: usual.eventsSince })) events.set(employee, found);
  const risks: EmployeeRisk[] = [];
  for (const chunk of chunksOf(employees)) {
    const daily = await scoringDataFor(store, new Map(chunk.map((employee) => [employee, { dailySince: ranges.get(employee)!.dailySince }])), { dailySince: usual.dailySince });
    // Both reads are already cut to each employee's own range.
    const data = new Map(chunk.map((employee) => {
      const found = events.get(employee);
      events.delete(employee);
      return [employee, { daily: daily.get(employee)?.daily ?? [], notable: found?.notable ?? [], lineage: found?.lineage ?? new Map() }];
    }));
    const scored = chunk.map((employee) => score(employee, data.get(employee), hr.get(employee) ?? [], peers.group(employee), now, settings, windows.get(employee), peers.hiredOn(employee)));
    await store.saveRisks(scored);
    for (const risk of scored) await raiseAlerts(store, risk, data.get(risk.employee), now, settings);
    risks.push(...scored);
    await setImmediate();
  }
  return risks;
}

/** One employee's risk as of `now` from loaded scoring data. */
export function score(
  employee: string, data: ScoringData | undefined, hrSignals: readonly HrSignalInput[], peers: PeerContext | undefined, now: Date, { sequenceWindowHours, model }: ScoringSettings,
  changeWindows?: readonly ChangeWindowInput[], hiredOn?: string,
) {
  return scoreEmployee({
    changeWindows,
    hiredOn,
    employee,
    now,
    daily: data?.daily ?? [],
    notable: data?.notable ?? [],
    lineage: data?.lineage ?? new Map(),
    hrSignals,
    peers,
    sequenceWindowHours,
  }, model);
}

/** Returns whether any alert delivery was queued. */
async function raiseAlerts(store: Store, risk: EmployeeRisk, data: ScoringData | undefined, now: Date, { sequenceWindowHours, model }: ScoringSettings): Promise<boolean> {
  let queued = false;
  const notable = (data?.notable ?? []).filter((e) => now.getTime() - Date.parse(e.occurredAt) <= model.windowDays * DAY_MS);
  // One case per person and incident: the patterns the evidence matches are reasons inside it.
  const found = caseOf(risk.employee, detectAlerts(risk, notable, data?.lineage ?? new Map(), sequenceWindowHours, model), risk.score);
  const alert = found && (await store.upsertOpenAlert(found, now.toISOString()));
  if (alert && (await announceAlert(store, alert, now))) queued = true;
  return queued;
}

/** What scoring `now` reads: the baseline and the window, reaching back further for someone under notice. */
export function rangeFor(now: Date, model: RiskModel, hrSignals: readonly HrSignalInput[] = []) {
  const departure = departureWindow(hrSignals, model);
  const window = windowStart(now, model);
  const from = departure && departure.fromDay < window ? departure.fromDay : window;
  // A day before, so local dates east of UTC are all in; scoring filters by the local day.
  return { dailySince: addDays(from, -model.baselineDays), eventsSince: `${addDays(from, -1)}T00:00:00.000Z` };
}

interface Peers {
  /** The `now` they were computed for, and when (wall clock). */
  at: number;
  computedAt: number;
  model: RiskModel;
  group(employee: string): PeerContext | undefined;
  /** The hire date the HR directory gives (read with the peers: it decides who is new to them too). */
  hiredOn(employee: string): string | undefined;
}

const peerCache = new WeakMap<Store, Peers>();
const peersInFlight = new WeakMap<Store, Promise<Peers>>();

/** Bumped by `forgetPeers`: a load begun before it neither serves later callers nor fills the cache. */
const peerGenerations = new WeakMap<Store, number>();

/** After the directory changed (a group, a hire date): the next score reads the peers afresh, not a load begun before. */
export function forgetPeers(store: Store): void {
  peerCache.delete(store);
  peersInFlight.delete(store);
  peerGenerations.set(store, (peerGenerations.get(store) ?? 0) + 1);
}

/** The cached peer baselines (refreshed when stale or missing the employee's group). */
export async function peersOf(store: Store, now: Date, model: RiskModel, employee: string): Promise<Peers> {
  const cached = peerCache.get(store);
  const fresh = cached && cached.model === model && Date.now() - cached.computedAt < PEERS_MAX_AGE_MS && Math.abs(now.getTime() - cached.at) < DAY_MS;
  // A group the cached baselines have never seen (the first people of a new deployment or department) forces a refresh.
  if (fresh && cached.group(employee)) return cached;
  // One reload at a time: every ingest arriving meanwhile waits for it instead of reading everything again.
  let loading = peersInFlight.get(store);
  if (!loading) {
    const started = loadPeers(store, now, model).finally(() => { if (peersInFlight.get(store) === started) peersInFlight.delete(store); });
    peersInFlight.set(store, (loading = started));
  }
  return loading;
}

/**
 * Peer baselines per peer group (job title or department of the HR directory, `peerGroupsFrom`), cached per store. The
 * daily rows are read CHUNK employees at a time and folded into each group's pool, which keeps only the
 * numbers the baselines need: ten thousand people's rows never sit in memory at once.
 */
async function loadPeers(store: Store, now: Date, model: RiskModel, employees?: readonly string[]): Promise<Peers> {
  const generation = peerGenerations.get(store) ?? 0;
  const [directory, everyone, windows] = await Promise.all([store.directory(), employees ?? store.knownEmployees(), store.changeWindows().then(windowsByEmployee)]);
  const groupOf = peerGroupsFrom(directory);
  const hiredOn = (employee: string) => directory.get(employee)?.hiredOn ?? undefined;
  const { dailySince } = rangeFor(now, model);
  const pools = new Map<string, PeerPool>();
  for (const chunk of chunksOf(everyone)) {
    for (const [employee, data] of await store.scoringData(chunk, { dailySince })) {
      const group = groupOf(employee);
      let pool = pools.get(group);
      if (!pool) pools.set(group, (pool = new PeerPool(group, now, model)));
      // Declared planned work is no one's usual: it stays out of the peers' baselines as out of the person's own.
      pool.add(setAsideChangeWindows(data.daily, [], windows.get(employee)).daily, firstActiveDay(data.daily, isoDay(now)), employee, hiredOn(employee));
    }
    await setImmediate();
  }
  const contexts = new Map([...pools].map(([group, pool]) => [group, pool.context()]));
  const peers: Peers = { at: now.getTime(), computedAt: Date.now(), model, group: (employee) => contexts.get(groupOf(employee)), hiredOn };
  if ((peerGenerations.get(store) ?? 0) === generation) peerCache.set(store, peers);
  return peers;
}

function* chunksOf(employees: readonly string[]): Generator<string[]> {
  for (let i = 0; i < employees.length; i += CHUNK) yield employees.slice(i, i + CHUNK);
}

/** Rescores everyone whose score is older than `maxAgeMs`, so decay shows even when nothing new arrives. */
export async function rescoreStale(store: Store, now: Date, settings: ScoringSettings, maxAgeMs: number): Promise<number> {
  const stale = (await store.listRisks()).filter((r) => now.getTime() - Date.parse(r.updatedAt) > maxAgeMs);
  for (const risk of stale) await rescoreEmployee(store, risk.employee, now, settings);
  return stale.length;
}
