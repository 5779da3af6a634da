import { sql, type Kysely, type Transaction } from 'kysely';
import { EVENT_TYPES, type Event } from '../../shared/events';
import { addValues, contributions, dayOf, INDICATORS, type DailyActivity, type Indicator, type IndicatorValues } from '../risk/indicators';
import type { LineageMatch } from '../risk/lineage';
import { NOT_NOTABLE } from '../risk/aggregate';
import { rowInsert } from './row-insert';
import type { Database } from './schema';

/** What scoring one employee reads: daily sums, the window's notable events (fingerprints only on uploads and pastes), lineage. */
export interface ScoringData {
  daily: DailyActivity[];
  notable: Event[];
  lineage: Map<string, LineageMatch>;
}

type Db = Kysely<Database> | Transaction<Database>;

/** What scoring looks at one by one: every event type but those counted per day or kept only as lineage sources. */
export const NOTABLE_TYPES = EVENT_TYPES.filter((type) => !NOT_NOTABLE.includes(type));

type RecordView = { employee: string; day: string; record_hash: string };
const insertRecordViews = rowInsert<RecordView, { employee: string; day: string }>(['employee', 'day', 'record_hash'], (db, rows) =>
  db.insertInto('record_views_daily').values(rows)
    .onConflict((oc) => oc.columns(['employee', 'day', 'record_hash']).doNothing())
    .returning(['employee', 'day']));

type DaySums = { employee: string; day: string } & Record<(typeof INDICATORS)[number], number>;
const addEach = Object.fromEntries(INDICATORS.map((k) => [k, sql<number>`activity_days.${sql.ref(k)} + excluded.${sql.ref(k)}`]));
const upsertDaySums = rowInsert<DaySums>(['employee', 'day', ...INDICATORS], (db, rows) =>
  db.insertInto('activity_days').values(rows)
    .onConflict((oc) => oc.columns(['employee', 'day']).doUpdateSet(addEach)));

/** Events whose fingerprints scoring reads: whether an upload or paste was fingerprinted decides how it is judged. */
const FACTS_KEEP_FINGERPRINTS: readonly string[] = ['webmail.upload', 'webmail.paste'];

/**
 * The event's stored columns: `body`, the whole event as JSON, and `facts`, what scoring and explanations
 * read: the same without the fingerprints of CRM sources (an export's run to 70 kB and only lineage, which
 * reads the body, compares them). Uploads and pastes keep theirs: scoring must see what the in-memory
 * path sees, or a paste of personal contacts, fingerprinted and matching nothing in the CRM, would look
 * like one that could not be fingerprinted and be judged by its count (`carriesCrmData`). One string for
 * both when nothing is left out (most events).
 */
export function bodyAndFacts(event: Event): { body: string; facts: string } {
  const body = JSON.stringify(event);
  const strip = 'fingerprints' in event && event.fingerprints.length > 0 && !FACTS_KEEP_FINGERPRINTS.includes(event.type);
  // The set under a rotated-out salt serves lineage alone; scoring never reads it.
  const previous = 'previousFingerprints' in event && event.previousFingerprints !== undefined;
  if (!strip && !previous) return { body, facts: body };
  const { previousFingerprints: _, ...facts } = event as Event & { previousFingerprints?: string[] };
  return { body, facts: JSON.stringify(strip ? { ...facts, fingerprints: [] } : facts) };
}

/**
 * Adds newly stored events to the daily sums, in the caller's transaction, so the sums and the events
 * commit together and a duplicate (never inserted) is never counted. Record views count once per
 * record and day; opens beyond the record-view limit each time.
 */
export async function accumulateActivity(tx: Db, inserted: readonly Event[]): Promise<void> {
  const sums = new Map<string, { employee: string; day: string; values: IndicatorValues }>();
  const add = (employee: string, day: string, values: IndicatorValues) => {
    const key = `${employee}\u0001${day}`;
    const entry = sums.get(key) ?? { employee, day, values: {} };
    addValues(entry.values, values);
    sums.set(key, entry);
  };
  const views: RecordView[] = [];
  for (const e of inserted) {
    if (e.type === 'crm.record_view') {
      views.push({ employee: e.employee, day: dayOf(e.occurredAt), record_hash: e.recordHash });
      // The distinct record is counted below, once a day; an open beyond the limit counts every time.
      add(e.employee, dayOf(e.occurredAt), { ...contributions(e), record_views: 0 });
    } else add(e.employee, dayOf(e.occurredAt), contributions(e));
  }
  views.sort((x, y) => compare(x.employee, y.employee) || compare(x.day, y.day) || compare(x.record_hash, y.record_hash));
  for (let i = 0; i < views.length; i += 300) {
    for (const r of await insertRecordViews(tx, views.slice(i, i + 300))) add(r.employee, r.day, { record_views: 1 });
  }
  // Every row in one shape (an absent indicator adds 0) and in key order, as every concurrent batch
  // writes them: rows locked in different orders by two transactions deadlock.
  const rows = [...sums.values()]
    .sort((x, y) => compare(x.employee, y.employee) || compare(x.day, y.day))
    .map(({ employee, day, values }) => ({ employee, day, ...Object.fromEntries(INDICATORS.map((k) => [k, values[k] ?? 0])) }) as DaySums);
  for (let i = 0; i < rows.length; i += 50) await upsertDaySums(tx, rows.slice(i, i + 50));
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ScoringRange {
  /** Daily sums from this day (YYYY-MM-DD) on: the baseline and the window; omit for events only. */
  dailySince?: string;
  /** Notable events and lineage from this instant (ISO) on: the window; omit for daily sums only. */
  eventsSince?: string;
}

/** Scoring data of some employees, or all. */
export async function loadScoringData(db: Db, dialect: 'sqlite' | 'postgres', employees: readonly string[] | 'all', range: ScoringRange): Promise<Map<string, ScoringData>> {
  const result = new Map<string, ScoringData>();
  const of = (employee: string) => {
    let data = result.get(employee);
    if (!data) result.set(employee, (data = { daily: [], notable: [], lineage: new Map() }));
    return data;
  };
  const only = employees === 'all' ? undefined : [...employees];
  if (only?.length === 0) return result;

  if (range.dailySince !== undefined) await loadDaily(db, only, range.dailySince, of);

  const since = range.eventsSince;
  if (since === undefined) return result;
  const notable = notableEvents(db, dialect, only, since);
  // Ordered here, each employee's few, rather than by the database: PostgreSQL sorted a round's thousands of
  // rows, bodies and all, on disk (past work_mem) for most of the query's time. Ties by id: the same events
  // in the same order whichever plan, backend or server read them (compared as code units, not by collation).
  const read = new Map<string, { occurred_at: string; id: string; facts: string }[]>();
  for (const r of await notable.execute()) {
    let rows = read.get(r.employee);
    if (!rows) read.set(r.employee, (rows = []));
    rows.push(r);
  }
  for (const [employee, rows] of read) {
    rows.sort((x, y) => (x.occurred_at < y.occurred_at ? -1 : x.occurred_at > y.occurred_at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const events = of(employee).notable;
    for (const r of rows) events.push(JSON.parse(r.facts) as Event);
    // A full rescore reads every employee: their strings go as soon as they are parsed.
    read.delete(employee);
  }

  let lineage = db.selectFrom('lineage').selectAll().where('occurred_at', '>=', since);
  if (only) lineage = lineage.where('employee', 'in', only);
  for (const r of await lineage.execute()) {
    of(r.employee).lineage.set(r.event_id, {
      matched: r.matched, total: r.total, share: Number(r.share), sourceEventIds: JSON.parse(r.source_event_ids),
      ...(r.matched_fingerprints !== null ? { matchedFingerprints: JSON.parse(r.matched_fingerprints), level: r.level ?? 0 } : {}),
    });
  }
  return result;
}

/**
 * The window's notable events of `only` (or everyone's), unordered.
 * `type in` the notable types, not `not in` the others: an index then reads only them, where a scan of the
 * window's events fetched every record view and heartbeat from the table. On PostgreSQL the partial index
 * on them by employee (migration 0008) then holds every row asked for, and only the round's employees'
 * notable events are read; the types are written out, as in the index's own condition, so that a plan
 * made without the values (a prepared statement's generic plan) could still prove it applies. SQLite,
 * keeping no statistics, would walk every employee's notable events of the window through the
 * (type, occurred_at) index: `+type` steers it to the (employee, occurred_at) one.
 * The body (with its fingerprints, up to 70 kB an export) is read only where facts are missing.
 */
export function notableEvents(db: Db, dialect: 'sqlite' | 'postgres', only: readonly string[] | undefined, since: string) {
  const type = only && dialect === 'sqlite'
    ? sql<boolean>`+${sql.ref('type')} in (${sql.join(NOTABLE_TYPES)})`
    : sql<boolean>`${sql.ref('type')} in (${sql.join(NOTABLE_TYPES.map((t) => sql.lit(t)))})`;
  const query = db.selectFrom('events').select(['employee', 'occurred_at', 'id', sql<string>`coalesce(facts, body)`.as('facts')])
    .where(type).where('occurred_at', '>=', since);
  return only ? query.where('employee', 'in', [...only]) : query;
}

async function loadDaily(db: Db, only: string[] | undefined, since: string, of: (employee: string) => ScoringData): Promise<void> {
  let daily = db.selectFrom('activity_days').select(['employee', 'day', ...INDICATORS]).where('day', '>=', since);
  if (only) daily = daily.where('employee', 'in', only);
  let last: { employee: string; data: ScoringData } | undefined;
  for (const r of await daily.orderBy('employee').orderBy('day').execute()) {
    if (last?.employee !== r.employee) last = { employee: r.employee, data: of(r.employee) };
    const values: IndicatorValues = {};
    for (const indicator of INDICATORS) {
      const value = r[indicator];
      if (value !== 0) values[indicator] = Number(value);
    }
    last.data.daily.push({ day: r.day, values });
  }
}

/**
 * Everyone's (or some employees') events of every type with `occurredAt` in [from, to], as scoring reads
 * them (`facts`), oldest first: a backtest rebuilds the daily sums of the days its moment cuts through.
 */
export async function eventsBetween(db: Db, employees: readonly string[] | 'all', from: string, to: string): Promise<Event[]> {
  let query = db.selectFrom('events').select(['id', 'occurred_at', sql<string>`coalesce(facts, body)`.as('facts')])
    .where('occurred_at', '>=', from).where('occurred_at', '<=', to);
  if (employees !== 'all') {
    if (employees.length === 0) return [];
    query = query.where('employee', 'in', [...employees]);
  }
  const rows = await query.execute();
  // Sorted here, as `loadScoringData` does, so both backends give the same order (ties by id, as code units).
  rows.sort((x, y) => (x.occurred_at < y.occurred_at ? -1 : x.occurred_at > y.occurred_at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return rows.map((r) => JSON.parse(r.facts) as Event);
}

/** Events of some types with their fingerprints, for lineage. */
export async function eventsWithFingerprints(db: Db, employee: string, types: readonly string[], from: string, to: string): Promise<Event[]> {
  const rows = await db.selectFrom('events').select('body')
    .where('employee', '=', employee).where('type', 'in', [...types])
    .where('occurred_at', '>=', from).where('occurred_at', '<=', to).orderBy('occurred_at').execute();
  return rows.map((r) => JSON.parse(r.body) as Event);
}

export async function saveLineage(db: Db, employee: string, event: Event, match: LineageMatch | undefined): Promise<void> {
  if (!match) {
    await db.deleteFrom('lineage').where('event_id', '=', event.id).execute();
    return;
  }
  const row = {
    event_id: event.id,
    employee,
    occurred_at: new Date(event.occurredAt).toISOString(),
    matched: match.matched,
    total: match.total,
    share: match.share,
    source_event_ids: JSON.stringify(match.sourceEventIds),
    matched_fingerprints: match.matchedFingerprints ? JSON.stringify(match.matchedFingerprints) : null,
    level: match.level ?? null,
  };
  await db.insertInto('lineage').values(row)
    .onConflict((oc) => oc.column('event_id').doUpdateSet({ matched: row.matched, total: row.total, share: row.share, source_event_ids: row.source_event_ids, matched_fingerprints: row.matched_fingerprints, level: row.level }))
    .execute();
}
