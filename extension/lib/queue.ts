import Dexie, { type EntityTable } from 'dexie';
import type { Event } from '../../shared/events';
import { sentLogCutoff, toSentEntry, type SentEntry } from './sent-log';

/** An event as queued: the employee is stamped when it is sent, from the enrolled identity. */
export type PendingEvent = DistributiveOmit<Event, 'employee'> & { employee?: string };

/** `Omit` that keeps a union a union, so each event type keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface QueuedEvent {
  id: string;
  event: PendingEvent;
  /** Milliseconds since epoch; the sender sends oldest first. */
  queuedAt: number;
  /** Set when the server refused the event as invalid: kept for inspection, never resent. */
  rejected?: string;
}

/**
 * Every event is written here before any send and deleted only once the server acknowledged it, so it
 * survives the service worker being stopped, the browser restarting and the server being down.
 * Opened only in the background and extension pages: from a content script IndexedDB would belong to the page.
 */
export class EventQueue extends Dexie {
  events!: EntityTable<QueuedEvent, 'id'>;
  /** What the server acknowledged in the last 30 days, for the popup (metadata only; see `SentEntry`). */
  sent!: EntityTable<SentEntry, 'id'>;

  constructor(name = 'crm-guard') {
    super(name);
    // Append-only: a new schema is a new version() with its migration; never edit a released one.
    this.version(1).stores({ events: 'id, queuedAt' });
    // Version 2 adds the sent log; queued events stay as they are (sent-log.test.ts upgrades a version 1 database).
    this.version(2).stores({ events: 'id, queuedAt', sent: 'id, sentAt' });
  }

  async enqueue(event: PendingEvent): Promise<void> {
    await this.events.put({ id: event.id, event, queuedAt: Date.now() });
  }

  /** The oldest events still to send. */
  async nextBatch(limit: number): Promise<QueuedEvent[]> {
    return this.events.orderBy('queuedAt').filter((q) => !q.rejected).limit(limit).toArray();
  }

  /** The server stored these: out of the queue and into the sent log, in one transaction; the log is pruned. */
  async acknowledge(ids: readonly string[], now = Date.now()): Promise<void> {
    await this.transaction('rw', this.events, this.sent, async () => {
      const acknowledged = (await this.events.bulkGet([...ids])).filter((q): q is QueuedEvent => q !== undefined);
      await this.sent.bulkPut(acknowledged.map((q) => toSentEntry(q.event, now)));
      await this.events.bulkDelete([...ids]);
      await this.sent.where('sentAt').below(sentLogCutoff(now)).delete();
    });
  }

  /** Events reported from this browser in the last 30 days, newest first. */
  async recentlySent(now = Date.now()): Promise<SentEntry[]> {
    return (await this.sent.where('sentAt').aboveOrEqual(sentLogCutoff(now)).toArray())// occurredAt carries the local offset, so compare instants, not strings.
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  }

  async reject(ids: readonly string[], reason: string): Promise<void> {
    await this.events.where('id').anyOf([...ids]).modify({ rejected: reason });
  }

  async depth(): Promise<number> {
    return this.events.filter((q) => !q.rejected).count();
  }
}

let queue: EventQueue | undefined;
/** The one queue of this extension context. */
export function eventQueue(): EventQueue {
  return (queue ??= new EventQueue());
}
