import type { Alert } from '../store/store';
import type { EvidenceEvent } from '../store/outbox';
import { PRODUCT, type AlertPayload } from './payload';
import { postJson } from './http';

/** The OCSF schema version these events follow (https://schema.ocsf.io/1.3.0/). */
export const OCSF_VERSION = '1.3.0';

const SEVERITY: Record<Alert['severity'], { id: number; name: string }> = {
  low: { id: 2, name: 'Low' }, medium: { id: 3, name: 'Medium' }, high: { id: 4, name: 'High' }, critical: { id: 5, name: 'Critical' },
};
const ACTIVITY = { create: { id: 1, name: 'Create' }, update: { id: 2, name: 'Update' }, close: { id: 3, name: 'Close' } } as const;
/** Finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 99 Other. */
const STATUS: Record<Alert['status'], { id: number; name: string }> = {
  open: { id: 1, name: 'New' }, investigating: { id: 2, name: 'In Progress' }, dismissed: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' }, confirmed: { id: 99, name: 'Confirmed' },
};

const metadata = (uid: string, extra: Record<string, string> = {}) => ({
  version: OCSF_VERSION,
  uid,
  product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version },
  ...extra,
});
const user = (email: string) => ({ email_addr: email, name: email });

/** Detection Finding (class 2004, category 2 Findings) for one change of an alert. */
export function detectionFinding(payload: AlertPayload) {
  const { alert } = payload;
  const activity = ACTIVITY[payload.activity];
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: 2004 * 100 + activity.id,
    type_name: `Detection Finding: ${activity.name}`,
    severity_id: SEVERITY[alert.severity].id,
    severity: SEVERITY[alert.severity].name,
    status_id: STATUS[alert.status].id,
    status: STATUS[alert.status].name,
    is_alert: payload.activity !== 'close',
    time: Date.parse(alert.updatedAt),
    message: alert.title,
    metadata: metadata(`${alert.id}:${alert.updatedAt}`),
    finding_info: {
      uid: alert.id,
      title: alert.title,
      types: [alert.pattern],
      analytic: { uid: alert.pattern, name: alert.pattern, type_id: 1, type: 'Rule' },
      created_time: Date.parse(alert.createdAt),
      modified_time: Date.parse(alert.updatedAt),
      related_events_count: alert.eventIds.length,
    },
    evidences: [{ actor: { user: user(alert.employee) } }, ...payload.uploads.map((u) => ({ file: file(u), dst_endpoint: destination(u) }))],
    unmapped: { crmguard: { employee: alert.employee, eventIds: alert.eventIds, assignee: alert.assignee, reason: alert.reason, details: alert.details } },
  };
}

/** File Hosting Activity (class 6006, category 6 Application Activity), Upload: one upload to a personal destination. */
export function fileHostingUpload(upload: EvidenceEvent, alertId: string) {
  const e = upload.event;
  return {
    class_uid: 6006,
    class_name: 'File Hosting Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: 1,
    activity_name: 'Upload',
    type_uid: 6006 * 100 + 1,
    type_name: 'File Hosting Activity: Upload',
    severity_id: 1,
    severity: 'Informational',
    time: Date.parse(e.occurredAt),
    metadata: metadata(e.id, { correlation_uid: alertId }),
    actor: { user: user(e.employee) },
    file: file(upload),
    src_endpoint: { uid: upload.deviceId },
    dst_endpoint: destination(upload),
    unmapped: { crmguard: { channel: 'channel' in e ? e.channel : undefined, emailCount: 'emailCount' in e ? e.emailCount : undefined } },
  };
}

/** The Detection Finding first, then one File Hosting Activity per upload behind it. */
export function ocsfEvents(payload: AlertPayload) {
  return [detectionFinding(payload), ...payload.uploads.map((u) => fileHostingUpload(u, payload.alert.id))];
}

export async function sendOcsf(settings: { url: string; token?: string }, payload: AlertPayload): Promise<void> {
  await postJson(settings.url, JSON.stringify(ocsfEvents(payload)), settings.token ? { authorization: `Bearer ${settings.token}` } : {});
}

function file({ event }: EvidenceEvent) {
  return {
    name: 'fileName' in event ? event.fileName : '(pasted text)',
    type_id: 1,
    type: 'Regular File',
    ...('sizeBytes' in event ? { size: event.sizeBytes } : {}),
    ...('mimeType' in event && event.mimeType ? { mime_type: event.mimeType } : {}),
  };
}

function destination({ event }: EvidenceEvent) {
  let hostname = event.origin;
  try {
    hostname = new URL(event.origin).hostname;
  } catch {
    // An origin that is not a URL is kept as the extension reported it.
  }
  return { hostname, ...('destination' in event ? { svc_name: event.destination } : {}) };
}
