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
  /** End of the last working day; activity after it is critical by itself. */
  lastDayEnd?: number;
  summary: string;
}

/**
 * A resignation notice (or termination) opens a window reaching `departureLookbackDays` back: theft
 * usually precedes the notice. The last working day (or termination) closes the employee's legitimate access.
 */
export function departureWindow(signals: readonly HrSignalInput[], model: RiskModel): DepartureWindow | undefined {
  const earliest = (kinds: HrSignalKind[]) =>
    signals.filter((s) => kinds.includes(s.kind)).map((s) => Date.parse(s.effectiveDate)).filter(Number.isFinite).sort((a, b) => a - b)[0];
  const notice = earliest(['resignation_notice', 'termination']);
  const lastDay = earliest(['last_working_day', 'termination']);
  const anchor = notice ?? lastDay;
  if (anchor === undefined) return undefined;
  const from = anchor - model.departureLookbackDays * DAY_MS;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const parts = [notice !== undefined && `notice on ${date(notice)}`, lastDay !== undefined && `last working day ${date(lastDay)}`].filter(Boolean);
  return {
    from,
    notice,
    lastDayEnd: lastDay === undefined ? undefined : Math.floor(lastDay / DAY_MS) * DAY_MS + DAY_MS,
    summary: `Departure window: ${parts.join(', ')}; activity since ${date(from)} weighs ${model.departureBoost}×.`,
  };
}
