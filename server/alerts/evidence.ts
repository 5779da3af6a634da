import type { Event } from '../../shared/events';
import type { Alert } from '../store/store';

/**
 * Plain sentences for the evidence behind an alert: what each event was, with counts and names only
 * (events never carry content). Pure, so the pages and the API say the same thing.
 */
export function describeEvent(e: Event): string {
  switch (e.type) {
    case 'crm.export':
      return `Exported ${e.fileName} (${e.format}${e.rows !== undefined ? `, ${plural(e.rows, 'row')}` : ''}${e.emailCount !== undefined ? `, ${plural(e.emailCount, 'e-mail address', 'e-mail addresses')}` : ''}${e.sizeBytes !== undefined ? `, ${size(e.sizeBytes)}` : ''}) from ${e.crm}`;
    case 'crm.copy':
      return `${e.action === 'cut' ? 'Cut' : 'Copied'} ${plural(e.rowCount, 'row')} with ${plural(e.emailCount, 'e-mail address', 'e-mail addresses')} and ${plural(e.phoneCount, 'phone number')} from ${e.crm}`;
    case 'crm.record_view':
      return `Opened a ${e.objectType ?? 'record'} in ${e.crm}${e.opensInPeriod !== undefined ? `, ${plural(e.opensInPeriod, 'time')} within the limit's period (${e.allowedOpens ?? '?'} allowed)` : ''}${e.justification ? `; the employee's reason: “${e.justification}”` : ''}`;
    case 'crm.print':
      return `Printed a page of ${e.crm}`;
    case 'webmail.upload':
      return `Attached ${e.fileName} (${size(e.sizeBytes)}${e.emailCount !== undefined ? `, ${plural(e.emailCount, 'e-mail address', 'e-mail addresses')}` : ''}) in ${e.destination}${e.justification ? `; the employee's justification: “${e.justification}”` : ''}`;
    case 'webmail.paste':
      return `Pasted ${plural(e.rowCount, 'row')} with ${plural(e.emailCount, 'e-mail address', 'e-mail addresses')} into ${e.destination}`;
    case 'agent.heartbeat':
      return `Extension ${e.extensionVersion} reported in`;
    case 'crm.list_view':
      return `Had ${plural(e.emailCount, 'contact')} of ${e.crm} on screen in a list view`;
    case 'webmail.justification':
      return `Justified an upload or paste in ${e.destination}: “${e.justification}”`;
    case 'crm.record_view_reason':
      return `Gave a reason for opening a record of ${e.crm} beyond the limit: “${e.justification}”`;
    case 'agent.notice_acknowledged':
      return `Acknowledged the monitoring notice (version ${e.noticeVersion})`;
    case 'agent.tamper':
      return `Protection signal: ${e.signal.replace(/_/g, ' ')}: ${e.detail}`;
  }
}

/** Where the contacts came from and went: the CRMs in the evidence, how many contacts, the destinations. */
export function lineageOf(alert: Alert, events: readonly Event[]) {
  const crms = [...new Set(events.flatMap((e) => ('crm' in e ? [e.crm] : [])))];
  const destinations = [...new Set(events.flatMap((e) => ('destination' in e ? [e.destination] : [])))];
  const d = alert.details;
  const contacts = typeof d.totalMatchedContacts === 'number' ? d.totalMatchedContacts : typeof d.matchedContacts === 'number' ? d.matchedContacts : undefined;
  const share = typeof d.share === 'number' ? d.share : undefined;
  // Uploads and pastes that carried them: the same contacts sent three times are counted once, in 3 acts.
  const acts = typeof d.acts === 'number' ? d.acts : undefined;
  return { crms, destinations, contacts, share, acts };
}

export function lineageSentence(lineage: ReturnType<typeof lineageOf>): string {
  const from = lineage.crms.length ? lineage.crms.join(', ') : 'no CRM in the evidence';
  const to = lineage.destinations.length ? lineage.destinations.join(', ') : 'no personal destination yet';
  const how = lineage.contacts !== undefined
    ? `${plural(lineage.contacts, 'distinct CRM contact')} matched${lineage.acts !== undefined && lineage.acts > 1 ? ` in ${lineage.acts} uploads and pastes` : ''}${lineage.share !== undefined ? ` (${Math.round(lineage.share * 100)}% of the largest upload)` : ''}`
    : 'no contact-level match';
  return `From ${from} to ${to}: ${how}.`;
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function size(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}
