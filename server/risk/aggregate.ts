import type { Event } from '../../shared/events';
import { addValues, contributions, dayOf, type DailyActivity } from './indicators';

/**
 * Daily indicator volumes from raw events, the way the store accumulates them on ingest: record views
 * count distinct records per day, opens beyond the record-view limit each time. Used by tests, the benchmark and full rebuilds.
 */
export function dailyFromEvents(events: readonly Event[]): DailyActivity[] {
  const byDay = new Map<string, DailyActivity>();
  const seenRecords = new Set<string>();
  for (const event of events) {
    const day = dayOf(event.occurredAt);
    const values = contributions(event);
    if (event.type === 'crm.record_view') {
      // The record counts once a day; an open beyond the limit counts every time.
      const key = `${day}|${event.recordHash}`;
      if (seenRecords.has(key)) values.record_views = 0;
      seenRecords.add(key);
    }
    let entry = byDay.get(day);
    if (!entry) byDay.set(day, (entry = { day, values: {} }));
    addValues(entry.values, values);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * Events scoring never looks at one by one: counted as daily sums, or only lineage sources. A reason for a
 * record view beyond the limit is attached to that view (server/ingest/device-signals.ts) and read with it;
 * a tamper signal is shown on the employee page and never scored (a page can cause some).
 */
export const NOT_NOTABLE = ['crm.record_view', 'agent.heartbeat', 'crm.list_view', 'crm.record_view_reason', 'agent.tamper'];

/** The events scoring looks at one by one. */
export function isNotable(e: Event): boolean {
  return !NOT_NOTABLE.includes(e.type);
}
