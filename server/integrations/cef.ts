import * as os from 'node:os';
import { CEF_SEVERITY, PRODUCT, type AlertPayload } from './payload';

/**
 * ArcSight CEF (Common Event Format, rev. 25). Header fields escape `\` and `|`; extension values escape
 * `\` and `=` and carry line breaks as `\n` / `\r`. Neither may contain a raw line break, which would
 * split the syslog message.
 */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

export function escapeCefValue(value: string): string {
  return value.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r\n|\n/g, '\\n').replace(/\r/g, '\\r');
}

/** `CEF:0|vendor|product|version|signature|name|severity|extension` for one change of an alert. */
export function cefMessage(payload: AlertPayload): string {
  const { alert } = payload;
  const header = ['CEF:0', PRODUCT.vendor, PRODUCT.name, PRODUCT.version, alert.pattern, alert.title, String(CEF_SEVERITY[alert.severity])].map((v, i) => (i === 0 ? v : escapeCefHeader(v)));
  const extension: [string, string | number][] = [
    ['rt', Date.parse(alert.updatedAt)],
    ['externalId', alert.id],
    ['act', payload.activity],
    ['suser', alert.employee],
    ['outcome', alert.status],
    ['cnt', alert.eventIds.length],
    ['msg', alert.title],
    ['cs1Label', 'assignee'],
    ['cs1', alert.assignee ?? ''],
    ['cs2Label', 'uploads'],
    ['cs2', uploadNames(payload)],
  ];
  return `${header.join('|')}|${extension.map(([k, v]) => `${k}=${escapeCefValue(String(v))}`).join(' ')}`;
}

/** At most this many file names, so a message stays within the 2048 octets RFC 5424 receivers must accept. */
const MAX_NAMES = 10;

function uploadNames({ uploads }: AlertPayload): string {
  const names = uploads.slice(0, MAX_NAMES).map((u) => ('fileName' in u.event ? u.event.fileName : u.event.type).slice(0, 100));
  return uploads.length > MAX_NAMES ? `${names.join(', ')} and ${uploads.length - MAX_NAMES} more` : names.join(', ');
}

/** Facility 4 (security/authorization); severity from the alert's (crit, err, warning, notice). */
const FACILITY = 4;
const SYSLOG_SEVERITY = { critical: 2, high: 3, medium: 4, low: 5 } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The CEF message in a syslog frame: RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG`) or RFC 3164. */
export function syslogLine(payload: AlertPayload, format: 'rfc5424' | 'rfc3164', now: Date, hostname = os.hostname()): string {
  const pri = `<${FACILITY * 8 + SYSLOG_SEVERITY[payload.alert.severity]}>`;
  const host = hostname.replace(/[^\x21-\x7e]/g, '') || '-';
  if (format === 'rfc5424') return `${pri}1 ${now.toISOString()} ${host} crm-guard ${process.pid} alert - ${cefMessage(payload)}`;
  const day = String(now.getUTCDate()).padStart(2, ' ');
  const time = now.toISOString().slice(11, 19);
  return `${pri}${MONTHS[now.getUTCMonth()]} ${day} ${time} ${host} crm-guard: ${cefMessage(payload)}`;
}
