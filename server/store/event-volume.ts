import type { Kysely, Transaction } from 'kysely';
import type { Event } from '../../shared/events';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;
type VolumeRow = { day: string; type: string; crm: string; destination: string; count: number };

const textField = (e: Event, field: 'crm' | 'destination') => {
  const value = (e as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
};

/**
 * Counts the events just stored into their UTC day, type, CRM and destination, in the transaction that
 * stored them: the organisation-wide charts of the activity explorer read these few rows instead of
 * grouping a month of events on every page view.
 */
export async function accumulateVolume(tx: Db, inserted: readonly Event[]): Promise<void> {
  const counts = new Map<string, VolumeRow>();
  for (const e of inserted) {
    const row = { day: new Date(e.occurredAt).toISOString().slice(0, 10), type: e.type, crm: textField(e, 'crm'), destination: textField(e, 'destination'), count: 0 };
    const key = `${row.day}\u0001${row.type}\u0001${row.crm}\u0001${row.destination}`;
    (counts.get(key) ?? counts.set(key, row).get(key)!).count++;
  }
  // In key order, as every concurrent batch writes them, so two transactions never lock rows crosswise.
  const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let i = 0; i < rows.length; i += 100) {
    await tx.insertInto('event_volume_daily').values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['day', 'type', 'crm', 'destination']).doUpdateSet((eb) => ({ count: eb('event_volume_daily.count', '+', eb.ref('excluded.count')) })))
      .execute();
  }
}
