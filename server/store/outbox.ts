import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Event } from '../../shared/events';
import type { IntegrationKind } from '../../shared/integrations';
import type { Database, OutboxTable } from './schema';
import { inTransaction } from './transaction';

/** One queued delivery of an alert (or an audit checkpoint, `alertId` then `audit-checkpoint:<seq>`) to one integration. */
export interface OutboxEntry {
  id: string;
  integration: IntegrationKind;
  alertId: string;
  payload: string;
  status: 'pending' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An event behind an alert, with the device that reported it. */
export interface EvidenceEvent {
  event: Event;
  deviceId: string;
}

/** The durable queue of alert deliveries (migration 0007); SQLite and PostgreSQL alike. */
export interface Outbox {
  /**
   * Queues one delivery per integration for this state of the alert, in one transaction with the record
   * of the state announced. Returns false, queuing nothing, when this state (`digest`) was announced already.
   */
  enqueue(alertId: string, digest: string, deliveries: readonly { integration: IntegrationKind; payload: string }[], now: string): Promise<boolean>;
  /**
   * Queues deliveries of something other than an alert's state (an audit checkpoint): no announcement is
   * recorded; `subject` fills the alert column, so the dead letters say what each one was.
   */
  add(subject: string, deliveries: readonly { integration: IntegrationKind; payload: string }[], now: string): Promise<void>;
  /** The digest of the alert's state last announced, if it was announced at all. */
  announcedDigest(alertId: string): Promise<string | undefined>;
  /**
   * Takes up to `limit` pending deliveries due at `now` and leases them until `leaseUntil`, so another
   * server process sharing the database does not send them too.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboxEntry[]>;
  /** The receiver acknowledged it: gone from the outbox. */
  delivered(id: string): Promise<void>;
  /** Another failure: retry at `retryAt`, or with `retryAt` null move it to the dead letters. */
  failed(id: string, error: string, retryAt: string | null, now: string): Promise<void>;
  deadLetters(limit: number): Promise<OutboxEntry[]>;
  /** Puts dead letters (the given ones, or all) back in the queue with their attempts reset; returns how many. */
  retryDead(ids: readonly string[] | undefined, now: string): Promise<number>;
  counts(): Promise<{ pending: number; dead: number }>;
  /** The stored events among `eventIds` of the given types (at most `limit`), without fingerprints. */
  evidence(eventIds: readonly string[], types: readonly string[], limit: number): Promise<EvidenceEvent[]>;
}

export class KyselyOutbox implements Outbox {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(alertId: string, digest: string, deliveries: readonly { integration: IntegrationKind; payload: string }[], now: string) {
    return inTransaction(this.db, async (tx) => {
      const previous = await tx.selectFrom('alert_announcements').select('digest').where('alert_id', '=', alertId).executeTakeFirst();
      if (previous?.digest === digest) return false;
      await tx.insertInto('alert_announcements').values({ alert_id: alertId, digest, updated_at: now })
        .onConflict((oc) => oc.column('alert_id').doUpdateSet({ digest, updated_at: now })).execute();
      if (deliveries.length > 0) {
        await tx.insertInto('outbox').values(deliveries.map((d) => ({
          id: randomUUID(), integration: d.integration, alert_id: alertId, payload: d.payload, status: 'pending',
          attempts: 0, next_attempt_at: now, last_error: null, created_at: now, updated_at: now,
        }))).execute();
      }
      return true;
    });
  }

  async add(subject: string, deliveries: readonly { integration: IntegrationKind; payload: string }[], now: string) {
    if (deliveries.length === 0) return;
    await this.db.insertInto('outbox').values(deliveries.map((d) => ({
      id: randomUUID(), integration: d.integration, alert_id: subject, payload: d.payload, status: 'pending',
      attempts: 0, next_attempt_at: now, last_error: null, created_at: now, updated_at: now,
    }))).execute();
  }

  async announcedDigest(alertId: string) {
    return (await this.db.selectFrom('alert_announcements').select('digest').where('alert_id', '=', alertId).executeTakeFirst())?.digest;
  }

  async claimDue(now: string, leaseUntil: string, limit: number) {
    const due = await this.db.selectFrom('outbox').selectAll()
      .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at').orderBy('created_at').limit(limit).execute();
    const claimed: OutboxEntry[] = [];
    for (const row of due) {
      // Only the process whose update still sees the old time owns the row.
      const done = await this.db.updateTable('outbox').set({ next_attempt_at: leaseUntil })
        .where('id', '=', row.id).where('status', '=', 'pending').where('next_attempt_at', '=', row.next_attempt_at).executeTakeFirst();
      if (Number(done.numUpdatedRows) === 1) claimed.push(toEntry(row));
    }
    return claimed;
  }

  async delivered(id: string) {
    await this.db.deleteFrom('outbox').where('id', '=', id).execute();
  }

  async failed(id: string, error: string, retryAt: string | null, now: string) {
    await this.db.updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        status: retryAt === null ? 'dead' : 'pending',
        next_attempt_at: retryAt ?? now,
        updated_at: now,
      }))
      .where('id', '=', id).execute();
  }

  async deadLetters(limit: number) {
    const rows = await this.db.selectFrom('outbox').selectAll().where('status', '=', 'dead').orderBy('updated_at', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }

  async retryDead(ids: readonly string[] | undefined, now: string) {
    let q = this.db.updateTable('outbox').set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now }).where('status', '=', 'dead');
    if (ids) q = q.where('id', 'in', [...ids]);
    const done = await q.executeTakeFirst();
    return Number(done.numUpdatedRows);
  }

  async counts() {
    const rows = await this.db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: of('pending'), dead: of('dead') };
  }

  async evidence(eventIds: readonly string[], types: readonly string[], limit: number) {
    const found: EvidenceEvent[] = [];
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < eventIds.length && found.length < limit; i += 500) {
      const rows = await this.db.selectFrom('events').select(['facts', 'body', 'device_id'])
        .where('id', 'in', eventIds.slice(i, i + 500)).where('type', 'in', [...types])
        .orderBy('occurred_at').limit(limit - found.length).execute();
      found.push(...rows.map((r) => ({ event: JSON.parse(r.facts ?? r.body) as Event, deviceId: r.device_id })));
    }
    return found;
  }
}

function toEntry(row: Selectable<OutboxTable>): OutboxEntry {
  return {
    id: row.id,
    integration: row.integration as IntegrationKind,
    alertId: row.alert_id,
    payload: row.payload,
    status: row.status as OutboxEntry['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
