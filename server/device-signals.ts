import type { Event } from '../shared/events';
import type { DeviceCoverageUpdate, DeviceRecord } from './store/devices';
import type { Store } from './store/store';

/**
 * What the batch's latest heartbeat changes on the device (version, incognito access), if anything: a
 * heartbeat comes every few minutes saying the same, and only a change is written. Written with the
 * events (`Store.insertEvents`' touch); a batch with a first-run acknowledgement leaves it to
 * `applyDeviceSignals`, which writes the two in their order.
 */
export function heartbeatCoverage(device: DeviceRecord, events: readonly Event[]): DeviceCoverageUpdate | undefined {
  if (events.some((e) => e.type === 'agent.notice_acknowledged')) return undefined;
  const heartbeat = latestHeartbeat(events);
  if (!heartbeat) return undefined;
  const changed = heartbeat.extensionVersion !== device.extensionVersion || (heartbeat.incognitoAllowed !== undefined && heartbeat.incognitoAllowed !== device.incognitoAllowed);
  return changed ? { extensionVersion: heartbeat.extensionVersion, incognitoAllowed: heartbeat.incognitoAllowed } : undefined;
}

/**
 * What a device's own events say about it besides the heartbeat (`heartbeatCoverage`): the first-run
 * acknowledgement, and justifications, which the server attaches to the upload or paste they explain.
 */
export async function applyDeviceSignals(store: Store, device: DeviceRecord, events: readonly Event[]): Promise<void> {
  let acknowledged = false;
  for (const e of events) {
    if (e.type === 'agent.notice_acknowledged') {
      acknowledged = true;
      await store.updateDeviceCoverage(device.id, { noticeAcknowledgedAt: new Date(e.occurredAt).toISOString(), extensionVersion: e.extensionVersion });
    }
    if (e.type === 'webmail.justification') await store.attachJustification(e.employee, e.eventId, e.justification);
  }
  // After the acknowledgement's version: the heartbeat's wins, as the latest word.
  const heartbeat = acknowledged && latestHeartbeat(events);
  if (heartbeat) await store.updateDeviceCoverage(device.id, { extensionVersion: heartbeat.extensionVersion, incognitoAllowed: heartbeat.incognitoAllowed });
}

function latestHeartbeat(events: readonly Event[]) {
  let heartbeat: Extract<Event, { type: 'agent.heartbeat' }> | undefined;
  for (const e of events) if (e.type === 'agent.heartbeat' && (!heartbeat || e.occurredAt > heartbeat.occurredAt)) heartbeat = e;
  return heartbeat;
}
