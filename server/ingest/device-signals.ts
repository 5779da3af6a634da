import type { Event } from '../../shared/events';
import type { DeviceCoverageUpdate, DeviceRecord } from '../store/devices';
import type { Store } from '../store/store';

/**
 * What the batch changes on the device, if anything, written with its events (`Store.insertEvents`'
 * touch): a first-run acknowledgement (with the version it names), and the latest heartbeat's version and
 * incognito access. A heartbeat comes every few minutes saying the same: only a change is written. With
 * an acknowledgement, the heartbeat's version wins, as the later word.
 */
export function deviceCoverage(device: DeviceRecord, events: readonly Event[]): DeviceCoverageUpdate | undefined {
  let heartbeat: Extract<Event, { type: 'agent.heartbeat' }> | undefined;
  let acknowledgement: Extract<Event, { type: 'agent.notice_acknowledged' }> | undefined;
  for (const e of events) {
    if (e.type === 'agent.heartbeat' && (!heartbeat || e.occurredAt > heartbeat.occurredAt)) heartbeat = e;
    if (e.type === 'agent.notice_acknowledged') acknowledgement = e;
  }
  if (acknowledgement) {
    return {
      noticeAcknowledgedAt: new Date(acknowledgement.occurredAt).toISOString(),
      extensionVersion: heartbeat?.extensionVersion ?? acknowledgement.extensionVersion,
      incognitoAllowed: heartbeat?.incognitoAllowed,
    };
  }
  if (!heartbeat) return undefined;
  const changed = heartbeat.extensionVersion !== device.extensionVersion || (heartbeat.incognitoAllowed !== undefined && heartbeat.incognitoAllowed !== device.incognitoAllowed);
  return changed ? { extensionVersion: heartbeat.extensionVersion, incognitoAllowed: heartbeat.incognitoAllowed } : undefined;
}

/** Justifications and reasons, which the server attaches to the employee's upload, paste or record view they explain. */
export async function attachJustifications(store: Store, events: readonly Event[]): Promise<void> {
  for (const e of events) {
    if (e.type === 'webmail.justification' || e.type === 'crm.record_view_reason') await store.attachJustification(e.employee, e.eventId, e.justification);
  }
}
