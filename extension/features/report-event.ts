import { eventQueue, type DistributiveOmit, type PendingEvent } from '../lib/queue';
import { flushQueue } from '../lib/transport';

type NewEvent = DistributiveOmit<PendingEvent, 'id' | 'occurredAt'>;

/** Queues an event durably, then tries to send at once; the alarm retries whatever is left. */
export async function reportEvent(event: NewEvent): Promise<PendingEvent> {
  const full = { ...event, id: crypto.randomUUID(), occurredAt: new Date().toISOString() } as PendingEvent;
  const queue = eventQueue();
  await queue.enqueue(full);
  void flushQueue(queue);
  return full;
}
