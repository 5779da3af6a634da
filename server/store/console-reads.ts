import { sql, type Kysely, type Selectable } from 'kysely';
import type { EmployeeRisk, RiskLevel } from '../../shared/risk';
import { filteredAlerts } from './alerts';
import type { AlertFilter, EventFilter } from './records';
import { eventBodyField, eventBodyHas } from './event-fields';
import { toDeviceRecord, type DeviceRecord } from './devices';
import { toRisk } from './risks';
import type { Database } from './schema';

/** How many browsers are in each coverage state, and what else the coverage page counts, over all of them. */
export interface CoverageSummary {
  total: number;
  active: number;
  silent: number;
  uninstalled: number;
  acknowledged: number;
  /** Extension versions in use, most used first (`unknown` for a device that never said). */
  versions: [string, number][];
}

/** Events of one day, type, CRM and destination (null where the event has none). */
export interface VolumeCell { day: string; type: string; crm: string | null; destination: string | null; count: number }

export type CoverageStatus = 'active' | 'silent' | 'uninstalled';

/**
 * The reads behind the console's pages at the scale of a large organisation: counts and a page of rows
 * worked out by the database, so a page never loads ten thousand scores or devices to show a hundred.
 */
export class ConsoleReads {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  /** How many people are at each risk level. */
  async riskLevelCounts(): Promise<Record<RiskLevel, number>> {
    const rows = await this.db.selectFrom('risk_scores').select(['level', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('level').execute();
    const counts: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const row of rows) counts[row.level as RiskLevel] = Number(row.n);
    return counts;
  }

  /** The `limit` highest scores (of one level, when given), highest first, ties by e-mail as listRisks orders them. */
  async topRisks(limit: number, level?: RiskLevel): Promise<EmployeeRisk[]> {
    let q = this.db.selectFrom('risk_scores').selectAll();
    if (level) q = q.where('level', '=', level);
    const rows = await q.orderBy('score', 'desc').orderBy('employee').limit(limit).execute();
    return rows.map(toRisk);
  }

  /** Everyone the server has a record of: scored, active or with an enrolled browser. */
  async peopleOnRecord(): Promise<string[]> {
    const rows = await this.db.selectFrom('risk_scores').select('employee')
      .union(this.db.selectFrom('devices').select('employee'))
      .union(this.db.selectFrom('activity_days').select('employee').distinct())
      .execute();
    return rows.map((r) => r.employee);
  }

  /**
   * How many events there were per day (UTC) and type, CRM and destination, in [since, until) and matching
   * the filter: what the activity explorer draws. Heartbeats are left out unless asked for by type. For
   * everyone, the counts kept per day; for one person, their events of the window (through the employee
   * index), grouped by the database. `since` and `until` are whole UTC days.
   */
  async activityVolume(filter: Omit<EventFilter, 'limit'> & { since: string; until: string }): Promise<VolumeCell[]> {
    if (!filter.employee) return this.organisationVolume(filter);
    const crm = eventBodyField(this.dialect, 'crm');
    const destination = eventBodyField(this.dialect, 'destination');
    const day = sql<string>`substr(${sql.ref('occurred_at')}, 1, 10)`;
    let q = this.db.selectFrom('events')
      .select([day.as('day'), 'type', crm.as('crm'), destination.as('destination'), (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('occurred_at', '>=', filter.since).where('occurred_at', '<', filter.until);
    if (filter.employee) q = q.where('employee', '=', filter.employee);
    q = filter.type ? q.where('type', '=', filter.type) : q.where('type', '!=', 'agent.heartbeat');
    if (filter.crm) q = q.where(eventBodyHas(this.dialect, 'crm', filter.crm));
    if (filter.destination) q = q.where(eventBodyHas(this.dialect, 'destination', filter.destination));
    const rows = await q.groupBy([day, 'type', crm, destination]).execute();
    return rows.map((r) => ({ day: r.day, type: r.type, crm: r.crm, destination: r.destination, count: Number(r.n) }));
  }

  /** `activityVolume` for everyone: the day's counts kept as events are stored (event-volume.ts), whole UTC days. */
  private async organisationVolume(filter: Omit<EventFilter, 'limit' | 'employee'> & { since: string; until: string }): Promise<VolumeCell[]> {
    let q = this.db.selectFrom('event_volume_daily').select(['day', 'type', 'crm', 'destination', 'count'])
      .where('day', '>=', filter.since.slice(0, 10)).where('day', '<', filter.until.slice(0, 10));
    q = filter.type ? q.where('type', '=', filter.type) : q.where('type', '!=', 'agent.heartbeat');
    if (filter.crm) q = q.where('crm', '=', filter.crm);
    if (filter.destination) q = q.where('destination', '=', filter.destination);
    const rows = await q.execute();
    return rows.map((r) => ({ day: r.day, type: r.type, crm: r.crm || null, destination: r.destination || null, count: Number(r.count) }));
  }

  /** How many alerts `filter` selects (its limit and offset aside): the queue's total over its pages. */
  async alertCount(filter: AlertFilter): Promise<number> {
    const row = await filteredAlerts(this.db, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Daily score history of several people at once (the watchlist's trends), oldest day first. */
  async riskHistories(employees: readonly string[]): Promise<Map<string, { day: string; score: number }[]>> {
    const found = new Map<string, { day: string; score: number }[]>(employees.map((e) => [e, []]));
    for (const chunk of chunks(employees)) {
      const rows = await this.db.selectFrom('risk_history').select(['employee', 'day', 'score']).where('employee', 'in', chunk).orderBy('employee').orderBy('day').execute();
      for (const r of rows) found.get(r.employee)?.push({ day: r.day, score: Number(r.score) });
    }
    return found;
  }

  /** The ticked handover items of several people at once, by employee. */
  async handoverItems(employees: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>(employees.map((e) => [e, []]));
    for (const chunk of chunks(employees)) {
      const rows = await this.db.selectFrom('handover_checks').select(['employee', 'item']).where('employee', 'in', chunk).execute();
      for (const r of rows) found.get(r.employee)?.push(r.item);
    }
    return found;
  }

  /** Coverage counts of every device, in one pass; a device not heard from since `silentBefore` (ISO) is silent. */
  async coverageSummary(silentBefore: string): Promise<CoverageSummary> {
    const status = statusOf(silentBefore);
    const version = sql<string>`coalesce(extension_version, 'unknown')`;
    const rows = await this.db.selectFrom('devices')
      .select([status.as('status'), version.as('version'), (eb) => eb.fn.countAll<number | string>().as('n'), sql<number | string>`count(notice_acknowledged_at)`.as('acknowledged')])
      // By position: PostgreSQL would not match the CASE's bound time in GROUP BY with the one in SELECT.
      .groupBy(sql`1, 2`).execute();
    const summary: CoverageSummary = { total: 0, active: 0, silent: 0, uninstalled: 0, acknowledged: 0, versions: [] };
    const versions = new Map<string, number>();
    for (const row of rows) {
      const n = Number(row.n);
      summary[row.status as CoverageStatus] += n;
      summary.total += n;
      summary.acknowledged += Number(row.acknowledged);
      versions.set(row.version, (versions.get(row.version) ?? 0) + n);
    }
    summary.versions = [...versions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return summary;
  }

  /**
   * The devices that most need a look, `limit` of them: removed, then silent, then reporting, the longest
   * quiet first within each; only those in `status` when given.
   */
  async devicesNeedingALook(silentBefore: string, limit: number, offset: number, status?: CoverageStatus): Promise<(DeviceRecord & { status: CoverageStatus })[]> {
    const statusExpr = statusOf(silentBefore);
    let q = this.db.selectFrom('devices').selectAll().select(statusExpr.as('status'));
    if (status) q = q.where(statusExpr, '=', status);
    const rows = await q
      .orderBy(sql`case when uninstalled_at is not null then 0 when coalesce(last_seen_at, enrolled_at) < ${silentBefore} then 1 else 2 end`)
      .orderBy(sql`coalesce(last_seen_at, '')`).orderBy('id').limit(limit).offset(offset).execute();
    return rows.map((r) => ({ ...toDeviceRecord(r as Selectable<Database['devices']>), status: r.status as CoverageStatus }));
  }
}

/** Lists bound as parameters in pieces SQLite and PostgreSQL both accept. */
function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A device's coverage state in SQL, as server/ingest/device-protection.ts `deviceStatus` decides it. */
function statusOf(silentBefore: string) {
  return sql<string>`case when uninstalled_at is not null then 'uninstalled' when coalesce(last_seen_at, enrolled_at) < ${silentBefore} then 'silent' else 'active' end`;
}
