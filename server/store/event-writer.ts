import { accumulateVolume } from './event-volume';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Event } from '../../shared/events';
import { accumulateActivity, bodyAndFacts } from './activity';
import { touchDevices, type DeviceTouch } from './devices';
import { rowInsert } from './row-insert';
import type { Database } from './schema';
import { inTransaction } from './transaction';

/** One device's batch, as `Store.insertEvents` takes it. */
export interface EventBatch {
  deviceId: string;
  events: readonly Event[];
  receivedAt: string;
  /** What the batch changes on its device, written with the group's other devices' changes. */
  touch?: DeviceTouch;
}

export interface InsertResult {
  inserted: Event[];
  duplicate: number;
}

/** What the group commit has done since the server started: batches written, in how many transactions. */
export interface WriteCounts {
  transactions: number;
  batches: number;
}

/** Rows of one statement: under SQLite's bound-parameter limit (9 columns a row). */
const ROWS_PER_STATEMENT = 100;
/** Events one shared transaction takes at most. */
const GROUP_EVENTS = 2000;

type EventRow = Insertable<Database['events']>;
const EVENT_COLUMNS = ['id', 'type', 'occurred_at', 'received_at', 'employee', 'device_id', 'origin', 'body', 'facts'] as const;
const insertEventRows = rowInsert<EventRow, { id: string }>(EVENT_COLUMNS, (db, rows) =>
  db.insertInto('events').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id'));

/**
 * Group commit: batches that arrive in one turn of the event loop, or while `parallel` transactions are
 * already writing, go in one transaction together, so a busy server spends one commit, one daily-sums
 * upsert and a few multi-row statements on many requests instead of on each. A batch arriving at a quiet
 * moment is written alone, one turn later. If a shared transaction fails, its batches are written again
 * one by one, so a batch the database refuses fails alone and the others are stored.
 */
export class EventWriter {
  private readonly waiting: { batch: EventBatch; resolve: (result: InsertResult) => void; reject: (error: unknown) => void }[] = [];
  private writing = 0;
  private gathering = false;
  readonly counts: WriteCounts = { transactions: 0, batches: 0 };

  constructor(private readonly db: Kysely<Database>, private readonly parallel: number) {}

  insert(batch: EventBatch): Promise<InsertResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.gather();
    });
  }

  /**
   * Waits for the rest of this turn of the event loop before grouping. SQLite's driver is synchronous, so a
   * request's whole write ran before the next request's body was read: every group held one batch, and
   * each batch paid a commit that rewrote the index pages the others touch too (2 of every 3 ms of
   * SQLite's time on ingest went to commits). One turn later, every request whose body arrived meanwhile
   * has queued its batch.
   */
  private gather(): void {
    if (this.gathering) return;
    this.gathering = true;
    setImmediate(() => {
      this.gathering = false;
      try {
        this.next();
      } catch (error) {
        // Outside any caller's promise now: a throw here would crash the process and strand the batches.
        for (const w of this.waiting.splice(0)) w.reject(error);
      }
    });
  }

  private next(): void {
    while (this.writing < this.parallel && this.waiting.length > 0) {
      let events = 0;
      let take = 0;
      while (take < this.waiting.length && (take === 0 || events + this.waiting[take]!.batch.events.length <= GROUP_EVENTS)) events += this.waiting[take++]!.batch.events.length;
      const group = this.waiting.splice(0, take);
      this.writing++;
      void this.write(group).finally(() => {
        this.writing--;
        this.next();
      });
    }
  }

  private async write(group: typeof this.waiting): Promise<void> {
    try {
      const results = await writeEvents(this.db, group.map((g) => g.batch));
      this.counts.transactions++;
      this.counts.batches += group.length;
      group.forEach((g, i) => g.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const g of group) {
        try {
          const [result] = await writeEvents(this.db, [g.batch]);
          this.counts.transactions++;
          this.counts.batches++;
          g.resolve(result!);
        } catch (alone) {
          g.reject(alone);
        }
      }
    }
  }
}

/**
 * Stores the batches' events in one transaction, once each by id: a repeat (within a batch, across the
 * batches, or of an event stored before) is a duplicate of the batch that did not store it first. The
 * daily sums grow in the same transaction, by exactly the events stored. The devices' changes follow.
 */
export async function writeEvents(db: Kysely<Database> | Transaction<Database>, batches: readonly EventBatch[]): Promise<InsertResult[]> {
  const owner = new Map<string, { event: Event; batch: number }>();
  const rows: EventRow[] = [];
  for (const [b, { deviceId, events, receivedAt }] of batches.entries()) {
    for (const e of events) {
      if (owner.has(e.id)) continue;
      owner.set(e.id, { event: e, batch: b });
      rows.push({
        id: e.id,
        type: e.type,
        occurred_at: new Date(e.occurredAt).toISOString(),
        received_at: receivedAt,
        employee: e.employee,
        device_id: deviceId,
        // PostgreSQL text cannot hold U+0000; the body (JSON, where it is escaped) keeps the exact origin.
        origin: e.origin.replaceAll('\0', '\uFFFD'),
        ...bodyAndFacts(e),
      });
    }
  }
  if (rows.length === 0) return batches.map((b) => ({ inserted: [], duplicate: b.events.length }));
  // Sorted by id: two concurrent transactions sharing events lock those rows in one order instead of deadlocking.
  rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const insertedIds = await inTransaction(db, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      for (const { id } of await insertEventRows(tx, rows.slice(i, i + ROWS_PER_STATEMENT))) ids.push(id);
    }
    const stored = ids.map((id) => owner.get(id)!.event);
    await accumulateActivity(tx, stored);
    await accumulateVolume(tx, stored);
    return ids;
  });
  await touchDevicesAfter(db, batches);
  const results: InsertResult[] = batches.map(() => ({ inserted: [], duplicate: 0 }));
  for (const id of insertedIds) {
    const { event, batch } = owner.get(id)!;
    results[batch]!.inserted.push(event);
  }
  results.forEach((r, b) => { r.duplicate = batches[b]!.events.length - r.inserted.length; });
  return results;
}

/**
 * The batches' device changes, after the commit and outside the events' transaction, so no device row
 * stays locked while events are written. Best effort: the events are stored and must be answered as
 * stored, and what is lost here (a deadlock between two groups' updates, a dropped connection) is
 * written again by the device's next batch, which still sees the old values.
 */
async function touchDevicesAfter(db: Kysely<Database> | Transaction<Database>, batches: readonly EventBatch[]): Promise<void> {
  try {
    await touchDevices(db, batches);
  } catch (error) {
    // In a caller's transaction the failure has aborted it: that caller must see it.
    if (db.isTransaction) throw error;
    console.error(`updating ${new Set(batches.map((b) => b.deviceId)).size} device(s) after their events were stored failed; their next batch writes it`, error);
  }
}
