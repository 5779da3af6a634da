import { Event } from '../../shared/events';
import { readConfig } from '../lib/config';
import { localIsoString } from '../lib/local-time';
import { minimiseEvent } from '../lib/minimise-upload';
import { cachedPolicy } from '../lib/policy';
import { eventQueue, type DistributiveOmit, type PendingEvent } from '../lib/queue';
import { flushSoon } from '../lib/transport';

/** `id` is given when the action already has one (the content script's), so a resent message is queued once. */
type NewEvent = DistributiveOmit<PendingEvent, 'id' | 'occurredAt'> & { id?: string; occurredAt?: string };

/** Stands in for the employee while validating an event whose employee is not known yet. */
const UNKNOWN_EMPLOYEE = 'unknown@crm-guard.invalid';

/**
 * Queues an event durably, then sends it within a fraction of a second; the alarm retries whatever is left. The event is
 * stamped with the employee known now, so a later change of identity cannot re-attribute it, and checked
 * against the wire schema so one malformed event can never hold up a batch.
 */
export async function reportEvent(event: NewEvent): Promise<PendingEvent | undefined> {
  const [{ employeeEmail }, { keepUploadNames }] = await Promise.all([readConfig(), cachedPolicy()]);
  // Minimised before it is queued: the queue, the server and the popup's sent log hold the same event.
  const full = minimiseEvent({
    ...event,
    id: event.id ?? crypto.randomUUID(),
    occurredAt: event.occurredAt ?? localIsoString(),
    ...(employeeEmail ? { employee: employeeEmail } : {}),
  } as PendingEvent, keepUploadNames);
  const checked = Event.safeParse({ employee: UNKNOWN_EMPLOYEE, ...full });
  if (!checked.success) {
    console.error('[crm-guard] a detector built an invalid event; not queued', event.type, checked.error.issues);
    return undefined;
  }
  const queue = eventQueue();
  await queue.enqueue(full);
  flushSoon(queue);
  return full;
}
