import type { Event } from '../../shared/events';
import { dailyFromEvents, isNotable } from '../../server/risk/aggregate';
import { addDays, isoDay } from '../../server/risk/days';
import type { DailyActivity } from '../../server/risk/indicators';
import type { RiskModel } from '../../server/risk/model';
import { cutAt } from '../../server/scoring/as-of';
import { windowsByEmployee } from '../../server/scoring/change-windows';
import { effectiveBy, type OrganisationSnapshot } from '../../server/scoring/organisation-score';
import { peerGroupsFrom } from '../../server/scoring/peer-groups';
import { lineageOf } from '../../server/scoring/record-lineage';
import { rangeFor } from '../../server/scoring/rescore';
import type { ScoringData } from '../../server/store/activity';
import { eventsByEmployee, type EvaluationOrg } from './evaluation-org';

/** Local dates run up to 14 hours ahead of UTC: how far back a local day's events can lie (as in as-of.ts). */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * A quick twin of the store-backed evaluation, for tuning loops: each person's daily sums, notable events
 * and lineage computed once, then cut per moment the way `loadSnapshot` cuts the store's (stored days
 * before the moment's last two, those two rebuilt from events up to it). `--in-memory` in risk-evaluation.ts;
 * reported figures come from the store path, which `one-scoring-path.test.ts` shows scores alike.
 */
export function inMemorySnapshots(org: EvaluationOrg, model: RiskModel): (at: Date) => OrganisationSnapshot {
  const people = new Map<string, { events: Event[]; times: number[]; daily: DailyActivity[]; notable: Event[]; lineage: ScoringData['lineage'] }>();
  const byEmployee = eventsByEmployee(org);
  for (const [employee, events] of byEmployee) {
    events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    people.set(employee, {
      events,
      times: events.map((e) => Date.parse(e.occurredAt)),
      daily: dailyFromEvents(events),
      notable: events.filter(isNotable),
      lineage: lineageOf(events.filter((e) => e.type !== 'crm.record_view' && e.type !== 'agent.heartbeat'), model),
    });
  }
  const hr = new Map<string, { kind: EvaluationOrg['hrSignals'][number]['kind']; effectiveDate: string }[]>();
  for (const s of org.hrSignals) hr.set(s.employeeEmail.toLowerCase(), [...(hr.get(s.employeeEmail.toLowerCase()) ?? []), { kind: s.kind, effectiveDate: s.effectiveDate }]);
  const directory = new Map(org.people.map((p) => [p.email, { employee: p.email, department: p.department, jobTitle: p.jobTitle, manager: p.manager ?? null }]));
  const peerGroupOf = peerGroupsFrom(directory as never);
  const hireDates = new Map(org.people.flatMap((p) => (p.hiredOn ? [[p.email, p.hiredOn] as const] : [])));
  const changeWindows = windowsByEmployee(org.changeWindows.map((w) => ({ ...w, employees: w.employees.map((e) => e.toLowerCase()) })) as never);

  return (at) => {
    const until = at.getTime();
    const rebuiltFrom = addDays(isoDay(at), -1);
    const recentFrom = Date.parse(`${rebuiltFrom}T00:00:00Z`) - MAX_OFFSET_MS;
    const data = new Map<string, ScoringData>();
    const hrSignals = new Map<string, ReturnType<typeof effectiveBy>>();
    for (const [employee, p] of people) {
      const signals = effectiveBy(hr.get(employee) ?? [], at);
      hrSignals.set(employee, signals);
      if (p.times[0]! > until) continue;
      const range = rangeFor(at, model, signals);
      const since = Date.parse(range.eventsSince);
      const recent = p.events.slice(lowerBound(p.times, recentFrom), lowerBound(p.times, until + 1));
      const daily = [...p.daily.filter((d) => d.day >= range.dailySince && d.day < rebuiltFrom), ...dailyFromEvents(recent).filter((d) => d.day >= rebuiltFrom)];
      const notable = p.notable.filter((e) => { const t = Date.parse(e.occurredAt); return t >= since && t <= until; });
      data.set(employee, cutAt({ daily, notable, lineage: p.lineage }, at));
    }
    return { data, hrSignals, peerGroupOf, changeWindows, hireDates };
  };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
