import type { Event } from '../../shared/events';
import { dayOfTimestamp } from './days';

/**
 * The daily volumes the risk model compares with baselines. Each event adds to one or more of them; the
 * store keeps the per-employee daily sums, so scoring never has to re-read raw events.
 */
export const INDICATORS = [
  'exports', 'export_rows', 'copy_contacts', 'record_views', 'prints',
  'uploads', 'upload_contacts', 'paste_contacts', 'after_hours', 'heartbeats',
  // Opens of a record beyond the policy's record-view limit, and the reasons given for them (over-limit-views.ts).
  'over_limit_views', 'over_limit_reasons',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export type IndicatorValues = Partial<Record<Indicator, number>>;

/** One employee's activity on one UTC day. */
export interface DailyActivity {
  day: string;
  values: IndicatorValues;
}

/** Working hours in the employee's local time (the offset the browser stamped on `occurredAt`). */
export const WORK_HOURS = { start: 7, end: 20 } as const;

/**
 * What one event adds to its day. Record views count distinct records (the store de-duplicates them per day);
 * each open beyond the limit counts, a repeat included.
 */
export function contributions(event: Event): IndicatorValues {
  const values: IndicatorValues = {};
  switch (event.type) {
    case 'crm.export':
      values.exports = 1;
      values.export_rows = event.rows ?? event.emailCount ?? 0;
      break;
    case 'crm.copy':
      values.copy_contacts = Math.max(event.emailCount, event.phoneCount);
      break;
    case 'crm.record_view':
      values.record_views = 1;
      if (isBeyondViewLimit(event)) values.over_limit_views = 1;
      break;
    case 'crm.print':
      values.prints = 1;
      break;
    case 'webmail.upload':
      values.uploads = 1;
      values.upload_contacts = event.emailCount ?? 0;
      break;
    case 'webmail.paste':
      values.paste_contacts = Math.max(event.emailCount, event.phoneCount);
      break;
    case 'agent.heartbeat':
      values.heartbeats = 1;
      return values;
    // A reason for a view beyond the limit is counted beside those views, never as activity after hours.
    case 'crm.record_view_reason':
      values.over_limit_reasons = 1;
      return values;
    // Explanations, acknowledgements and what a list view showed are not activity of their own, not even after hours.
    case 'webmail.justification':
    case 'agent.notice_acknowledged':
    case 'crm.list_view':
    // A tamper or coverage signal is shown to people, not scored: a page can cause some of them.
    case 'agent.tamper':
      return values;
  }
  if (event.type !== 'crm.record_view' && isAfterHours(event.occurredAt)) values.after_hours = 1;
  return values;
}

/** A view the extension reported beyond the CRM's record-view limit (it sends the count only then). */
export function isBeyondViewLimit(event: Extract<Event, { type: 'crm.record_view' }>): boolean {
  return event.opensInPeriod !== undefined && event.allowedOpens !== undefined && event.opensInPeriod > event.allowedOpens;
}

/** The UTC day an event belongs to. */
export function dayOf(occurredAt: string): string {
  return dayOfTimestamp(occurredAt);
}

/** Outside working hours in the local time the timestamp was written in (`…+03:00`); UTC when it has no offset. */
export function isAfterHours(occurredAt: string): boolean {
  const hour = localHour(occurredAt);
  return hour < WORK_HOURS.start || hour >= WORK_HOURS.end;
}

export function localHour(occurredAt: string): number {
  const match = /T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(occurredAt);
  return match ? Number(match[1]) : new Date(occurredAt).getUTCHours();
}

/** Adds `more` into `into`. */
export function addValues(into: IndicatorValues, more: IndicatorValues): IndicatorValues {
  for (const key of Object.keys(more) as Indicator[]) into[key] = (into[key] ?? 0) + (more[key] ?? 0);
  return into;
}
