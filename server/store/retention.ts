import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** How many rows a purge deleted, per table. */
export type PurgeCounts = Record<'events' | 'activity_days' | 'event_volume_daily' | 'record_views_daily' | 'lineage' | 'risk_history' | 'alerts' | 'outbox' | 'alert_announcements', number>;

/**
 * Deletes what is older than `cutoff` (an ISO instant): events and every row derived from them (daily
 * sums, record views, lineage, daily score history), closed alerts last changed before it (and the record
 * of what was announced about them), and dead deliveries. Open alerts stay whatever their age: an analyst is still working on them. One transaction,
 * so a failure deletes nothing.
 */
export async function purgeBefore(db: Kysely<Database>, cutoff: string): Promise<PurgeCounts> {
  const day = cutoff.slice(0, 10);
  return db.transaction().execute(async (tx) => {
    const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    return {
      events: count(await tx.deleteFrom('events').where('occurred_at', '<', cutoff).executeTakeFirst()),
      activity_days: count(await tx.deleteFrom('activity_days').where('day', '<', day).executeTakeFirst()),
      event_volume_daily: count(await tx.deleteFrom('event_volume_daily').where('day', '<', day).executeTakeFirst()),
      record_views_daily: count(await tx.deleteFrom('record_views_daily').where('day', '<', day).executeTakeFirst()),
      lineage: count(await tx.deleteFrom('lineage').where('occurred_at', '<', cutoff).executeTakeFirst()),
      risk_history: count(await tx.deleteFrom('risk_history').where('day', '<', day).executeTakeFirst()),
      alerts: count(await tx.deleteFrom('alerts').where('status', 'not in', ['open', 'investigating']).where('updated_at', '<', cutoff).executeTakeFirst()),
      outbox: count(await tx.deleteFrom('outbox').where('status', '=', 'dead').where('updated_at', '<', cutoff).executeTakeFirst()),
      // The last announced state of alerts that no longer exist.
      alert_announcements: count(await tx.deleteFrom('alert_announcements').where('alert_id', 'not in', tx.selectFrom('alerts').select('id')).executeTakeFirst()),
    };
  });
}
