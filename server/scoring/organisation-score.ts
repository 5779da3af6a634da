import type { EmployeeRisk } from '../../shared/risk';
import { setAsideChangeWindows, type ChangeWindowInput } from '../risk/change-windows';
import type { HrSignalInput } from '../risk/departure';
import { firstActiveDay, PeerPool } from '../risk/peers';
import { isoDay } from '../risk/days';
import type { ScoringSettings } from '../policy/policy';
import type { ScoringData } from '../store/activity';
import { score } from './rescore';

/**
 * Everything scoring an organisation at one moment reads, whoever gathered it: the store for a backtest
 * (`loadSnapshot`), raw events in memory for a benchmark (`snapshotFromEvents`). Both cut it to the same
 * ranges, so the one function below scores it the same either way.
 */
export interface OrganisationSnapshot {
  /** Per employee: the daily sums, notable events and lineage of their range, nothing after the moment. */
  data: ReadonlyMap<string, ScoringData>;
  /** HR signals effective by the moment. */
  hrSignals: ReadonlyMap<string, readonly HrSignalInput[]>;
  peerGroupOf: (employee: string) => string;
  /** Declared change windows by employee. */
  changeWindows: ReadonlyMap<string, readonly ChangeWindowInput[]>;
  /** Hire dates (YYYY-MM-DD) the HR directory gives, by employee. */
  hireDates?: ReadonlyMap<string, string>;
}

/**
 * Every employee's risk at `at`, with peer baselines computed at that moment from the snapshot: nothing
 * cached, nothing saved. Employees with no activity in their range are left out (they have no score yet).
 * Highest score first, then by e-mail, as `GET /v1/employees` lists them.
 */
export function scoreOrganisation(snapshot: OrganisationSnapshot, at: Date, settings: ScoringSettings, only?: readonly string[]): EmployeeRisk[] {
  const pools = new Map<string, PeerPool>();
  const active = [...snapshot.data].filter(([, d]) => d.daily.length > 0 || d.notable.length > 0).map(([employee]) => employee).sort();
  for (const employee of active) {
    const group = snapshot.peerGroupOf(employee);
    let pool = pools.get(group);
    if (!pool) pools.set(group, (pool = new PeerPool(group, at, settings.model)));
    const daily = snapshot.data.get(employee)!.daily;
    pool.add(setAsideChangeWindows(daily, [], snapshot.changeWindows.get(employee)).daily, firstActiveDay(daily, isoDay(at)), employee, snapshot.hireDates?.get(employee));
  }
  const contexts = new Map([...pools].map(([group, pool]) => [group, pool.context()]));
  const wanted = only ? active.filter((e) => only.includes(e)) : active;
  const risks = wanted.map((employee) => score(
    employee, snapshot.data.get(employee), snapshot.hrSignals.get(employee) ?? [], contexts.get(snapshot.peerGroupOf(employee)), at, settings, snapshot.changeWindows.get(employee),
    snapshot.hireDates?.get(employee),
  ));
  return risks.sort((a, b) => b.score - a.score || (a.employee < b.employee ? -1 : a.employee > b.employee ? 1 : 0));
}

/** Signals effective by `at`: a notice dated tomorrow is not known today. */
export function effectiveBy<T extends HrSignalInput>(signals: readonly T[], at: Date): T[] {
  return signals.filter((s) => Date.parse(s.effectiveDate) <= at.getTime());
}
