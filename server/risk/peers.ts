import { baselineOf, type Baseline } from './baseline';
import { INDICATORS, type DailyActivity, type Indicator, type IndicatorValues } from './indicators';
import { RISK_MODEL, type RiskModel } from './model';
import { COLLECTION_INDICATORS } from './departure';
import { addDays, DAY_MS, isoDay, windowStart } from './days';

/** What an employee is compared with: the peer group's baselines and its 95th percentile of cumulative exfiltration. */
export interface PeerContext {
  group: string;
  members: number;
  baselines: Partial<Record<Indicator, Baseline>>;
  /** 95th percentile, across the other members, of contacts sent to personal destinations over the window. */
  cumulativeP95: number;
  /** Every member's window total, sorted, so the percentile can leave the scored employee out. */
  cumulativeSorted?: number[];
  /**
   * Every member's window totals of collection (export and copy rows; exports), and their busiest run of
   * `collectionBurstDays` days over the baseline and the window (collection-burst.ts), sorted.
   */
  collectionSorted?: { rows: number[]; exports: number[]; burst?: number[] };
  /** The earliest day any member was active over the baseline and the window: who started after it is new (onboarding.ts). */
  firstDay?: string;
  /** The first day of the range the members' days were read from (the baseline's). */
  rangeFrom?: string;
  /**
   * Each member's own totals as pooled, by employee, where the caller named them: leaving someone out removes
   * exactly what the pool holds for them, even when their totals have moved since (a cached pool) or their own
   * window reaches further back (a departure's look-back).
   */
  pooled?: ReadonlyMap<string, PooledTotals>;
  /** The employee `leavingOut` already took out of these lists: nothing more is left out for them. */
  leftOut?: string;
}

/** One member's totals in the pool: sent out and collected over the window, and their busiest run. */
export interface PooledTotals {
  sent: number;
  rows: number;
  exports: number;
  burst: number;
}

/** What the pool holds for `employee`, when it was told who they are. */
export function pooledOf(peers: PeerContext | undefined, employee: string): PooledTotals | undefined {
  return peers?.pooled?.get(employee);
}

/**
 * The value of `employee`'s own to leave out of the peers' `key` list: what the pool holds for them, nothing
 * when `leavingOut` took them out already, else `fallback` (their own total, found by value).
 */
export function ownValue(peers: PeerContext | undefined, employee: string | undefined, key: keyof PooledTotals, fallback: number): number | undefined {
  if (employee === undefined) return fallback;
  if (peers?.leftOut === employee) return undefined;
  return pooledOf(peers, employee)?.[key] ?? fallback;
}

/** The peers' 95th percentile of cumulative exfiltration without `own` (one member's own total; undefined: none). */
export function cumulativeP95Excluding(peers: PeerContext, own: number | undefined): number {
  return p95Excluding(peers.cumulativeSorted, own) ?? peers.cumulativeP95;
}

/** The 95th percentile of `sorted` without one copy of `own` (undefined: with every value); undefined without a list. */
export function p95Excluding(sorted: readonly number[] | undefined, own: number | undefined): number | undefined {
  if (!sorted) return undefined;
  if (own === undefined) return atQuantile(sorted, 0.95);
  if (sorted.length === 0 || (sorted.length === 1 && sorted[0] === own)) return 0;
  // The sorted list without one copy of `own`, read at the 95th percentile without copying it.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < own) lo = mid + 1;
    else hi = mid;
  }
  const without = sorted[lo] === own ? lo : -1;
  const n = without >= 0 ? sorted.length - 1 : sorted.length;
  const at = Math.min(n - 1, Math.floor(0.95 * n));
  return sorted[without >= 0 && at >= without ? at + 1 : at]!;
}

/**
 * Pools the active days of every member of a group over the baseline period, per indicator, and the
 * members' cumulative exfiltration over the window. One leaker among many barely moves either.
 */
export function peerContext(group: string, members: readonly (readonly DailyActivity[])[], now: Date, model: RiskModel = RISK_MODEL): PeerContext {
  const pool = new PeerPool(group, now, model);
  for (const days of members) pool.add(days);
  return pool.context();
}

/**
 * `peerContext` a member at a time: it keeps only the numbers the baselines need, so a caller can read a
 * large group's daily rows in chunks and let each chunk go (the full rescore of ten thousand people).
 */
export class PeerPool {
  private readonly pools = new Map<Indicator, number[]>(INDICATORS.map((i) => [i, []]));
  private readonly members: PoolMember[] = [];
  private firstDay: string | undefined;
  private readonly start: string;
  private readonly baselineFrom: string;
  private readonly today: string;

  /** `groupFirstDay`: the group's first active day when known already (one member judged against their group). */
  constructor(readonly group: string, now: Date, private readonly model: RiskModel = RISK_MODEL, groupFirstDay?: string) {
    this.start = windowStart(now, model);
    this.baselineFrom = addDays(this.start, -model.baselineDays);
    this.today = isoDay(now);
    this.firstDay = groupFirstDay;
  }

  /**
   * One member's daily activity (any order). `first`: their first active day, when `days` had declared change
   * windows set aside (a window is not a late start, see onboarding.ts); `hiredOn`: their hire date, when HR gave one.
   */
  add(days: readonly DailyActivity[], first = firstActiveDay(days, this.today), employee?: string, hiredOn?: string): void {
    // A hire date says who is new; without one, only someone who started `onboardingAfterGroupDays` into the range
    // can turn out a newcomer (onboarding.ts), which is known once the whole group is in: their first month's
    // collection waits aside until then.
    const hire = hireKnownBy(hiredOn, this.today);
    const hired = hire !== undefined;
    const start = hired ? startAfterHire(first, hire, this.model) : first;
    const mayBeNew = start !== undefined && this.model.onboardingDays > 0 && (hired || start >= addDays(this.baselineFrom, this.model.onboardingAfterGroupDays));
    const until = mayBeNew ? addDays(start, this.model.onboardingDays - 1) : undefined;
    const onboardingUntil = until !== undefined && until >= this.baselineFrom ? until : undefined;
    const member: PoolMember = {
      employee, first, hired, newcomer: hired && onboardingUntil !== undefined, sent: 0, rows: 0, exports: 0, burst: 0, lateRows: 0, lateExports: 0, lateBurst: 0, pending: COLLECTION_INDICATORS.map(() => []),
    };
    if (first !== undefined && first >= this.baselineFrom && (this.firstDay === undefined || first < this.firstDay)) this.firstDay = first;
    let sent = 0;
    for (const d of days) {
      if (d.day > this.today) continue;
      if (d.day >= this.baselineFrom && (this.firstDay === undefined || d.day < this.firstDay)) this.firstDay = d.day;
      const onboarding = onboardingUntil !== undefined && d.day >= start! && d.day <= onboardingUntil;
      if (d.day >= this.start) {
        sent += (d.values.upload_contacts ?? 0) + (d.values.paste_contacts ?? 0);
        const [rows, exports] = [collectedRows(d.values), d.values.exports ?? 0];
        member.rows += rows;
        member.exports += exports;
        if (!onboarding) [member.lateRows, member.lateExports] = [member.lateRows + rows, member.lateExports + exports];
        continue;
      }
      if (d.day < this.baselineFrom) continue;
      for (const indicator of INDICATORS) {
        const v = d.values[indicator] ?? 0;
        if (v <= 0) continue;
        const held = onboarding ? COLLECTION_INDICATORS.indexOf(indicator) : -1;
        if (held >= 0) member.pending[held]!.push(v);
        else this.pools.get(indicator)!.push(v);
      }
    }
    const byDay = collectedByDay(days);
    member.burst = busiestRun(byDay, this.baselineFrom, this.today, this.model.collectionBurstDays);
    member.lateBurst = onboardingUntil === undefined ? member.burst : busiestRun(byDay, addDays(onboardingUntil, 1), this.today, this.model.collectionBurstDays);
    member.sent = sent;
    this.members.push(member);
  }

  context(): PeerContext {
    const members = this.members.length;
    const observed = members * this.model.baselineDays;
    // A newcomer's first month of collection is no more the peers' usual than it is their own (onboarding.ts).
    const from = this.firstDay === undefined ? this.baselineFrom : groupStart(this.firstDay, this.baselineFrom, this.baselineFrom);
    const isNew = (m: PoolMember) => (m.hired ? m.newcomer : this.model.onboardingDays > 0 && m.first !== undefined && m.first >= addDays(from, this.model.onboardingAfterGroupDays));
    const pools = new Map([...this.pools].map(([indicator, values]) => [indicator, [...values]]));
    for (const m of this.members) if (!isNew(m)) m.pending.forEach((values, i) => pools.get(COLLECTION_INDICATORS[i] as Indicator)!.push(...values));
    const baselines: Partial<Record<Indicator, Baseline>> = {};
    for (const [indicator, values] of pools) baselines[indicator] = baselineOf(values, observed);
    const cumulativeSorted = this.members.map((m) => m.sent).sort((a, b) => a - b);
    const pick = (settled: (m: PoolMember) => number, late: (m: PoolMember) => number) => this.members.map((m) => (isNew(m) ? late(m) : settled(m))).sort((a, b) => a - b);
    const collectionSorted = { rows: pick((m) => m.rows, (m) => m.lateRows), exports: pick((m) => m.exports, (m) => m.lateExports), burst: pick((m) => m.burst, (m) => m.lateBurst) };
    const pooled = new Map<string, PooledTotals>();
    for (const m of this.members) {
      if (m.employee === undefined) continue;
      const late = isNew(m);
      pooled.set(m.employee, { sent: m.sent, rows: late ? m.lateRows : m.rows, exports: late ? m.lateExports : m.exports, burst: late ? m.lateBurst : m.burst });
    }
    return {
      group: this.group, members, baselines, cumulativeP95: atQuantile(cumulativeSorted, 0.95), cumulativeSorted, collectionSorted, firstDay: this.firstDay, rangeFrom: this.baselineFrom,
      ...(pooled.size > 0 ? { pooled } : {}),
    };
  }
}

/** A member's totals for the pool, with and without their own first month (`late*`), until the group says whether they are new. */
interface PoolMember {
  employee?: string;
  first?: string;
  /** A hire date from HR decided it: `newcomer` is whether their first month falls in the range. */
  hired: boolean;
  newcomer: boolean;
  sent: number;
  rows: number;
  exports: number;
  burst: number;
  lateRows: number;
  lateExports: number;
  lateBurst: number;
  /** The first month's collection values of baseline days by `COLLECTION_INDICATORS`, for the baselines if the member turns out settled. */
  pending: number[][];
}

/** A group active in its range's first week was active before the range: its own start is not known. */
const RANGE_START_SLACK_DAYS = 7;

/**
 * The day a group's history counts from, for a day whose range begins `rangeFrom`: its first active day, or
 * `rangeFrom` when the group was already active before (peers computed today may score a past day, whose range
 * begins earlier).
 */
export function groupStart(firstDay: string, groupRangeFrom: string | undefined, rangeFrom: string): string {
  const beforeRange = groupRangeFrom !== undefined && firstDay <= addDays(groupRangeFrom, RANGE_START_SLACK_DAYS);
  return beforeRange || firstDay < rangeFrom ? rangeFrom : firstDay;
}

/**
 * A person's busiest run of `collectionBurstDays` consecutive days of collection (export rows and copied
 * contacts) between `from` and `until`: the measure the peers are pooled on (PeerPool) and a burst is judged by.
 */
export function busiestRun(rowsByDay: ReadonlyMap<string, number>, from: string, until: string, days: number): number {
  // Whole days since the epoch, in order: a window over them costs no date formatting (ten thousand members a rescore).
  const [first, last] = [Date.parse(from) / DAY_MS, Date.parse(until) / DAY_MS];
  const rows = [...rowsByDay].map(([day, v]) => [Date.parse(day) / DAY_MS, v] as const).filter(([d]) => d >= first && d <= last).sort((a, b) => a[0] - b[0]);
  let best = 0;
  let sum = 0;
  for (let i = 0, j = 0; i < rows.length; i++) {
    sum += rows[i]![1];
    while (rows[j]![0] <= rows[i]![0] - days) sum -= rows[j++]![1];
    if (sum > best) best = sum;
  }
  return best;
}

/** Contacts collected (`collectedRows`) by day, for `busiestRun`. */
export function collectedByDay(daily: readonly DailyActivity[]): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const d of daily) {
    const rows = collectedRows(d.values);
    if (rows > 0) byDay.set(d.day, (byDay.get(d.day) ?? 0) + rows);
  }
  return byDay;
}

/** The hire date, if HR gave one that has come by `today`: a hire date after the moment scored is not known then. */
export function hireKnownBy(hiredOn: string | undefined, today: string): string | undefined {
  return hiredOn !== undefined && hiredOn <= today ? hiredOn : undefined;
}

/**
 * Where a new starter's month begins given their hire date: their first active day, or the hire date if they
 * were active before it (an intern taken on); none when the CRM first saw them a month or more after it (hired
 * long ago, reached late by the extension). Orientation, a laptop and CRM access come first: a month in the
 * CRM is counted from the CRM's first day, and the hire date says that it is a first month.
 */
export function startAfterHire(first: string | undefined, hiredOn: string, model: RiskModel): string | undefined {
  if (first === undefined) return undefined;
  const start = first > hiredOn ? first : hiredOn;
  return start <= addDays(hiredOn, model.onboardingDays - 1) ? start : undefined;
}

/** The first day with any activity up to `today` (all days without it). */
export function firstActiveDay(daily: readonly DailyActivity[], today?: string): string | undefined {
  let first: string | undefined;
  for (const d of daily) if ((today === undefined || d.day <= today) && (first === undefined || d.day < first)) first = d.day;
  return first;
}

/** Contacts a day's collection gathered: export rows and copied contacts. */
export function collectedRows(values: IndicatorValues): number {
  return (values.export_rows ?? 0) + (values.copy_contacts ?? 0);
}

export function quantile(values: readonly number[], q: number): number {
  return atQuantile([...values].sort((a, b) => a - b), q);
}

/** The `q` quantile of an already sorted list (0 when empty). */
export function atQuantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * The peers without one member's totals over the window ending `now` (today's peer baselines used to rescore
 * that member's past day): their own later total must not become the ceiling their earlier days are compared with.
 */
export function leavingOut(peers: PeerContext, member: readonly DailyActivity[], now: Date, model: RiskModel = RISK_MODEL, first?: string, employee?: string, hiredOn?: string): PeerContext {
  const { sent, rows, exports, burst } = (employee !== undefined && pooledOf(peers, employee)) || ownTotals(peers, member, now, model, first, hiredOn);
  const without = (sorted: readonly number[] | undefined, value: number) => {
    if (!sorted) return undefined;
    const i = sorted.indexOf(value);
    return i < 0 ? [...sorted] : [...sorted.slice(0, i), ...sorted.slice(i + 1)];
  };
  const collection = peers.collectionSorted && {
    rows: without(peers.collectionSorted.rows, rows)!, exports: without(peers.collectionSorted.exports, exports)!, burst: without(peers.collectionSorted.burst, burst),
  };
  return { ...peers, cumulativeSorted: without(peers.cumulativeSorted, sent), collectionSorted: collection, ...(employee !== undefined ? { leftOut: employee } : {}) };
}

/** A member's totals pooled the way `PeerPool` pools them, judged new or settled against the whole group. */
function ownTotals(peers: PeerContext, member: readonly DailyActivity[], now: Date, model: RiskModel, first?: string, hiredOn?: string): PooledTotals {
  const own = new PeerPool(peers.group, now, model, peers.firstDay);
  own.add(member, first ?? firstActiveDay(member, isoDay(now)), '', hiredOn);
  return own.context().pooled!.get('')!;
}
