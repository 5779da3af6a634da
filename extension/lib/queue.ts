import Dexie, { type EntityTable } from 'dexie';
import type { Event } from '../../shared/events';

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

  constructor(name = 'crm-guard') {
    super(name);
    // Append-only: a new schema is a new version() with its migration; never edit a released one.
    this.version(1).stores({ events: 'id, queuedAt' });
  }

  async enqueue(event: PendingEvent): Promise<void> {
    await this.events.put({ id: event.id, event, queuedAt: Date.now() });
  }

  /** The oldest events still to send. */
  async nextBatch(limit: number): Promise<QueuedEvent[]> {
    return this.events.orderBy('queuedAt').filter((q) => !q.rejected).limit(limit).toArray();
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    await this.events.bulkDelete([...ids]);
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
