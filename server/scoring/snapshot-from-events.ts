import type { Event } from '../../shared/events';
import { dailyFromEvents, isNotable } from '../risk/aggregate';
import type { ChangeWindowInput } from '../risk/change-windows';
import type { HrSignalInput } from '../risk/departure';
import type { RiskModel } from '../risk/model';
import type { ScoringData } from '../store/activity';
import { cutAt } from './as-of';
import { effectiveBy, type OrganisationSnapshot } from './organisation-score';
import { lineageOf } from './record-lineage';
import { rangeFor } from './rescore';

/**
 * The in-memory twin of `loadSnapshot`: the same organisation at `at` from raw events (a benchmark, a test),
 * cut to the same ranges the store's reads return, so `scoreOrganisation` scores both alike.
 */
export function snapshotFromEvents(
  eventsByEmployee: ReadonlyMap<string, readonly Event[]>,
  hr: ReadonlyMap<string, readonly HrSignalInput[]>,
  peerGroupOf: (employee: string) => string,
  at: Date,
  model: RiskModel,
  changeWindows: ReadonlyMap<string, readonly ChangeWindowInput[]> = new Map(),
  hireDates: ReadonlyMap<string, string> = new Map(),
): OrganisationSnapshot {
  const until = at.getTime();
  const data = new Map<string, ScoringData>();
  const hrSignals = new Map<string, HrSignalInput[]>();
  for (const [employee, all] of eventsByEmployee) {
    const signals = effectiveBy(hr.get(employee) ?? [], at);
    hrSignals.set(employee, signals);
    const events = all.filter((e) => Date.parse(e.occurredAt) <= until);
    const range = rangeFor(at, model, signals);
    const since = Date.parse(range.eventsSince);
    const notable = events.filter((e) => isNotable(e) && Date.parse(e.occurredAt) >= since)
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const daily = dailyFromEvents(events).filter((d) => d.day >= range.dailySince);
    data.set(employee, cutAt({ daily, notable, lineage: lineageOf(events.filter((e) => e.type !== 'crm.record_view' && e.type !== 'agent.heartbeat'), model) }, at));
  }
  return { data, hrSignals, peerGroupOf, changeWindows, hireDates };
}
