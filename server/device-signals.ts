import type { Event } from '../shared/events';
import type { DeviceRecord } from './store/devices';
import type { Store } from './store/store';

/**
 * What a device's own events say about it: the latest heartbeat's version and incognito access, the
 * first-run acknowledgement, and justifications, which the server attaches to the upload or paste they explain.
 */
export async function applyDeviceSignals(store: Store, device: DeviceRecord, events: readonly Event[]): Promise<void> {
  const deviceId = device.id;
  let heartbeat: Extract<Event, { type: 'agent.heartbeat' }> | undefined;
  for (const e of events) {
    if (e.type === 'agent.heartbeat' && (!heartbeat || e.occurredAt > heartbeat.occurredAt)) heartbeat = e;
    if (e.type === 'agent.notice_acknowledged') {
      await store.updateDeviceCoverage(deviceId, { noticeAcknowledgedAt: new Date(e.occurredAt).toISOString(), extensionVersion: e.extensionVersion });
    }
    if (e.type === 'webmail.justification') await store.attachJustification(e.employee, e.eventId, e.justification);
  }
  // A heartbeat comes every few minutes saying the same; only a change is written.
  // (An acknowledgement in the same batch may have written another version: the heartbeat's then wins, as before.)
  const acknowledged = events.some((e) => e.type === 'agent.notice_acknowledged');
  if (heartbeat && (acknowledged || heartbeat.extensionVersion !== device.extensionVersion || (heartbeat.incognitoAllowed !== undefined && heartbeat.incognitoAllowed !== device.incognitoAllowed))) {
    await store.updateDeviceCoverage(deviceId, { extensionVersion: heartbeat.extensionVersion, incognitoAllowed: heartbeat.incognitoAllowed });
  }
}
