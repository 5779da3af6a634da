import type { EmployeeRisk } from '../../shared/risk';
import { dailyFromEvents, isNotable } from '../risk/aggregate';
import { addDays, isoDay } from '../risk/days';
import type { RiskModel } from '../risk/model';
import type { ScoringSettings } from '../policy/policy';
import type { ScoringData } from '../store/activity';
import type { Store } from '../store/store';
import { effectiveBy, scoreOrganisation, type OrganisationSnapshot } from './organisation-score';
import { windowsByEmployee } from './change-windows';
import { hireDatesOf, peerGroupsFrom } from './peer-groups';
import { rangeFor } from './rescore';
import { widestOf, within } from './scoring-reads';

/** Local dates run up to 14 hours ahead of UTC (UTC+14): how far back a local day's events can lie. */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * The organisation as the store would have shown it at `at`: events with `occurredAt` up to then, HR
 * signals effective by then, each employee's range as scoring at that moment reads it. The stored daily
 * sums of the days `at` may cut through (its UTC day and the one before, in every time zone's local
 * dates) are rebuilt from the events up to `at`; older days are whole and read as stored.
 */
export async function loadSnapshot(store: Store, at: Date, model: RiskModel): Promise<OrganisationSnapshot> {
  const [employees, allHr, directory, windows] = await Promise.all([store.knownEmployees(), store.allHrSignals(), store.directory(), store.changeWindows()]);
  const hrSignals = new Map(employees.map((employee) => [employee, effectiveBy(allHr.get(employee) ?? [], at)]));
  const ranges = new Map(employees.map((employee) => [employee, rangeFor(at, model, hrSignals.get(employee))]));
  // Everyone's rows in one read over the widest range, each then cut to their own: a backtest reads the
  // whole organisation, which the store serves best without a list of employees (no per-employee index walks).
  const everyone = await store.scoringData('all', widestOf([rangeFor(at, model), ...ranges.values()]));
  const stored = new Map([...ranges].map(([employee, range]) => [employee, everyone.has(employee) ? within(everyone.get(employee)!, range) : undefined]));

  const rebuiltFrom = addDays(isoDay(at), -1);
  const recent = await store.eventsBetween('all', new Date(Date.parse(`${rebuiltFrom}T00:00:00Z`) - MAX_OFFSET_MS).toISOString(), at.toISOString());
  const recentByEmployee = new Map<string, typeof recent>();
  for (const e of recent) {
    const list = recentByEmployee.get(e.employee);
    if (list) list.push(e);
    else recentByEmployee.set(e.employee, [e]);
  }

  const data = new Map<string, ScoringData>();
  for (const employee of employees) {
    const found = stored.get(employee);
    const rebuilt = dailyFromEvents(recentByEmployee.get(employee) ?? []).filter((d) => d.day >= rebuiltFrom);
    data.set(employee, cutAt({ daily: [...(found?.daily ?? []).filter((d) => d.day < rebuiltFrom), ...rebuilt], notable: found?.notable ?? [], lineage: found?.lineage ?? new Map() }, at));
  }
  // Windows declared later than `at` are applied too: a backtest answers what today's declarations make of then.
  return { data, hrSignals, peerGroupOf: peerGroupsFrom(directory), changeWindows: windowsByEmployee(windows), hireDates: hireDatesOf(directory) };
}

/** Scoring data without anything after `at`: later notable events, their lineage, days after its local date. */
export function cutAt(data: ScoringData, at: Date): ScoringData {
  const until = at.getTime();
  const notable = data.notable.filter((e) => Date.parse(e.occurredAt) <= until && isNotable(e));
  const kept = new Set(notable.map((e) => e.id));
  // A local date can be a day ahead of UTC's; such a day holds only events up to `at` (rebuilt or in memory).
  const lastDay = addDays(isoDay(at), 1);
  return {
    daily: data.daily.filter((d) => d.day <= lastDay),
    notable,
    lineage: new Map([...data.lineage].filter(([id]) => kept.has(id))),
  };
}

/** Scores as they would have been at `at`, for everyone or `only` some: nothing is saved, no alert raised. */
export async function scoreAsOf(store: Store, at: Date, settings: ScoringSettings, only?: readonly string[]): Promise<EmployeeRisk[]> {
  return scoreOrganisation(await loadSnapshot(store, at, settings.model), at, settings, only);
}
