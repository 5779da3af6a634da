import type { HrSignalKind } from '../../shared/api';
import { DAY_MS } from './days';
import type { RiskModel } from './model';

export interface HrSignalInput {
  kind: HrSignalKind;
  /** ISO date or timestamp. */
  effectiveDate: string;
}

export interface DepartureWindow {
  /** Activity from this instant on is re-weighed by the departure boost. */
  from: number;
  notice?: number;
  /** The first day of the departure look-back (YYYY-MM-DD): the scoring window reaches back to it. */
  fromDay: string;
  /**
   * The notice's day (YYYY-MM-DD): from it on, collection is handover (see `collectionWeighing`). A resignation
   * later followed by a termination keeps the resignation's day: the handover began then.
   */
  noticeDay?: string;
  /** The latest resignation's day: a handover someone is asked to do (a termination alone asks for none). */
  resignationDay?: string;
  /** The last working day (YYYY-MM-DD); actions on later days, in the employee's local time, are critical by themselves. */
  lastDay?: string;
  summary: string;
}

/**
 * A resignation notice (or termination) opens a window reaching `departureLookbackDays` back: theft
 * usually precedes the notice. The last working day (or termination) closes the employee's legitimate access.
 */
export function departureWindow(signals: readonly HrSignalInput[], model: RiskModel): DepartureWindow | undefined {
  // The latest notice counts: a withdrawn and later renewed resignation is about the renewed one.
  const latest = (kinds: HrSignalKind[]) =>
    signals.filter((s) => kinds.includes(s.kind)).map((s) => Date.parse(s.effectiveDate)).filter(Number.isFinite).sort((a, b) => b - a)[0];
  const notice = latest(['resignation_notice', 'termination']);
  // Handover begins with the resignation (the latest, if renewed), not with a termination that follows it.
  const resignation = latest(['resignation_notice']);
  const handoverFrom = resignation ?? notice;
  const lastDay = latest(['last_working_day', 'termination']);
  const anchor = notice ?? lastDay;
  if (anchor === undefined) return undefined;
  const from = anchor - model.departureLookbackDays * DAY_MS;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const parts = [notice !== undefined && `notice on ${date(notice)}`, lastDay !== undefined && `last working day ${date(lastDay)}`].filter(Boolean);
  return {
    from,
    fromDay: date(from),
    notice,
    noticeDay: handoverFrom === undefined ? undefined : date(handoverFrom),
    resignationDay: resignation === undefined ? undefined : date(resignation),
    lastDay: lastDay === undefined ? undefined : date(lastDay),
    summary: `Departure window: ${parts.join(', ')}; activity since ${date(from)} weighs ${model.departureBoost}×.`,
  };
}

/** Indicators of collection inside the CRM, as opposed to data leaving it. */
export const COLLECTION_INDICATORS: readonly string[] = ['exports', 'export_rows', 'copy_contacts', 'record_views'];

/**
 * How collection is weighed around a departure. Before the notice (the look-back) it is boosted and less of
 * its growth is forgiven: the run-up is when books are taken. From the notice on, exporting one's accounts is
 * the handover a leaver is asked to do, so collection weighs as on any ordinary day; what separates theft from
 * handover then is where the data goes (uploads, pastes, lineage, sequences stay boosted throughout).
 */
export function collectionWeighing(
  departure: DepartureWindow | undefined, weighDay: (day: string) => number, ordinary: (day: string) => number,
  departingOn: ((day: string) => boolean) | undefined,
) {
  const handover = (day: string) => departure?.noticeDay !== undefined && day >= departure.noticeDay;
  return {
    weighDay: (day: string) => (handover(day) ? ordinary(day) : weighDay(day)),
    departingOn: departingOn && ((day: string) => departingOn(day) && !handover(day)),
  };
}
