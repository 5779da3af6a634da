import type { Alert, Store } from '../store/store';
import { enabledKinds, loadIntegrations } from './config';
import { withoutFingerprints } from '../ingest/fingerprint-keying';
import { pseudonymiseDetails } from '../people/pseudonymise-text';
import { pseudonymKeyOf } from '../people/pseudonyms';
import { alertDigest, isClosed, type AlertPayload } from './payload';

/** The dispatcher serving each store, woken when a delivery is queued. */
const wakers = new WeakMap<Store, () => void>();

export function onQueued(store: Store, wake: () => void): () => void {
  wakers.set(store, wake);
  return () => {
    if (wakers.get(store) === wake) wakers.delete(store);
  };
}

/** Wakes the store's dispatcher, if one runs in this process (a retry from the dead letters). */
export function wakeDispatcher(store: Store): void {
  wakers.get(store)?.();
}

/** At most this many uploads travel with one alert. */
const MAX_UPLOADS = 50;

/**
 * The one hook where alerts are created or changed: queues a delivery of this state of the alert to every
 * enabled integration, unless this state was announced already. Durable before it returns; the
 * dispatcher sends it, now or after a restart. Returns whether a delivery was queued.
 */
export async function announceAlert(store: Store, alert: Alert, now: Date): Promise<boolean> {
  const config = await loadIntegrations(store);
  const kinds = enabledKinds(config);
  if (kinds.length === 0) return false;
  const digest = alertDigest(alert);
  const announced = await store.outbox.announcedDigest(alert.id);
  // Rescoring re-evaluates the same evidence every few minutes; only a change is news.
  if (announced === digest) return false;
  const uploads = await store.outbox.evidence(alert.eventIds, ['webmail.upload'], MAX_UPLOADS);
  const payload: AlertPayload = {
    activity: isClosed(alert.status) ? 'close' : announced ? 'update' : 'create',
    alert,
    uploads: uploads.map((u) => ({ ...u, event: withoutFingerprints(u.event) as typeof u.event })),
  };
  // Pseudonymised before it is queued, so not even the outbox holds an address unless names were chosen.
  const body = JSON.stringify(config.namesInPayloads ? payload : pseudonymiseDetails(payload, await pseudonymKeyOf(store)));
  const queued = await store.outbox.enqueue(alert.id, digest, kinds.map((integration) => ({ integration, payload: body })), now.toISOString());
  if (queued) wakeDispatcher(store);
  return queued;
}
