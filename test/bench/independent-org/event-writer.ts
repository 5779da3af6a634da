import type { Event, ExportFormat } from '../../../shared/events';
import { EXTENSION_ID } from '../../../shared/extension-key';
import { MEASURE_TEXT_BYTES } from '../../../extension/lib/classify/file-shape';
import type { ContactBook } from './contact-book';
import type { PersonalSite } from './destinations';
import type { Person } from './people';
import type { Prng } from './prng';

/** The organisation's CRM pages, as the extension reports their origins. */
const CRM_ORIGIN = { salesforce: 'https://meridian.lightning.force.com', hubspot: 'https://app.hubspot.com' } as const;
/** Salesforce Classic's Printable View is served from the my.salesforce.com host. */
const SALESFORCE_CLASSIC = 'https://meridian.my.salesforce.com';

const MIME: Record<string, string> = {
  csv: 'text/csv', tsv: 'text/tab-separated-values', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel', pdf: 'application/pdf', zip: 'application/zip', jpg: 'image/jpeg', png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', vcf: 'text/vcard',
};
/** What the extension opens and counts addresses in; everything else is reported by name and size only. */
const READABLE = new Set(['csv', 'tsv', 'xlsx', 'vcf']);

/** A file on the employee's disk that may later be uploaded somewhere: what it is called and which contacts it holds (read only if its format is). */
export interface SavedFile {
  fileName: string;
  sizeBytes: number;
  extension: string;
  contacts: readonly number[];
}

/** What a copy left on the clipboard, so a paste of it reports the same counts. */
export interface Clipboard {
  contacts: readonly number[];
  phoneCount: number;
  charCount: number;
}

interface PendingView {
  ms: number;
  person: Person;
  objectType: string;
  id: number;
}

/**
 * Builds events as the extension sends them, for one person-day at a time: record views are held until
 * the day ends so `distinctInHour` can be counted in time order, as the browser counts it.
 */
export class EventWriter {
  readonly events: Event[] = [];
  private pendingViews: PendingView[] = [];

  constructor(private readonly rng: Prng, readonly contacts: ContactBook) {}

  private base(person: Person, ms: number, origin: string) {
    return { id: this.rng.uuid(), occurredAt: new Date(ms).toISOString(), employee: person.email, origin };
  }

  viewRecord(person: Person, ms: number, objectType: string, id: number): void {
    this.pendingViews.push({ ms, person, objectType, id });
  }

  /** Emits the day's record views with the distinct records opened in the same local clock hour so far. */
  endDay(hourOf: (ms: number) => number): void {
    this.pendingViews.sort((a, b) => a.ms - b.ms);
    let hour = Number.NaN;
    const seen = new Set<string>();
    for (const v of this.pendingViews) {
      const crm = v.person.role.crm;
      const recordHash = this.contacts.recordHash(crm, v.objectType, v.id);
      if (hourOf(v.ms) !== hour) {
        hour = hourOf(v.ms);
        seen.clear();
      }
      seen.add(recordHash);
      this.events.push({ ...this.base(v.person, v.ms, CRM_ORIGIN[crm]), type: 'crm.record_view', crm, recordHash, objectType: v.objectType, distinctInHour: seen.size });
    }
    this.pendingViews = [];
  }

  listView(person: Person, ms: number, ids: readonly number[]): void {
    const crm = person.role.crm;
    const { fingerprints, fingerprintLevel, emailCount } = this.contacts.sample(ids);
    this.events.push({ ...this.base(person, ms, CRM_ORIGIN[crm]), type: 'crm.list_view', crm, emailCount, fingerprints, fingerprintLevel });
  }

  /** A copy of table rows: most rows carry an address, many a phone number too. Returns what was on the clipboard. */
  copy(person: Person, ms: number, ids: readonly number[]): Clipboard {
    const crm = person.role.crm;
    const sampled = this.contacts.sample(ids);
    const clipboard = { contacts: ids, phoneCount: Math.round(ids.length * this.rng.between(0.4, 0.95)), charCount: Math.round(ids.length * this.rng.between(60, 140)) };
    this.events.push({
      ...this.base(person, ms, CRM_ORIGIN[crm]), type: 'crm.copy', crm, action: this.rng.chance(0.04) ? 'cut' : 'copy',
      emailCount: sampled.emailCount, phoneCount: clipboard.phoneCount, rowCount: ids.length, charCount: clipboard.charCount,
      fingerprints: sampled.fingerprints, fingerprintLevel: sampled.fingerprintLevel,
    });
    return clipboard;
  }

  print(person: Person, ms: number, trigger: 'print_dialog' | 'print_shortcut' | 'printable_view'): void {
    const crm = person.role.crm;
    const origin = trigger === 'printable_view' && crm === 'salesforce' ? SALESFORCE_CLASSIC : CRM_ORIGIN[crm];
    this.events.push({ ...this.base(person, ms, origin), type: 'crm.print', crm, trigger });
  }

  /** Exports contacts from the person's CRM; returns the file as it lands in Downloads. */
  exportContacts(person: Person, ms: number, ids: readonly number[], format?: ExportFormat): SavedFile {
    const crm = person.role.crm;
    const chosen = format ?? this.exportFormat(crm);
    const columns = this.rng.int(6, 45);
    const rows = ids.length + Math.round(ids.length * this.rng.between(0, 0.08));
    const perCell = chosen === 'xlsx' ? 6 : chosen === 'zip' ? 4 : chosen === 'pdf' ? 30 : 13;
    const sizeBytes = Math.max(400, Math.round(rows * columns * perCell * this.rng.between(0.7, 1.3)));
    const route = crm === 'salesforce' && chosen !== 'xls' && this.rng.chance(0.15) ? 'blob' : 'download';
    const fileName = this.exportName(crm, route, chosen, ms);
    // The extension reads no more than MEASURE_TEXT_BYTES of a text export: a bigger one is measured on its beginning.
    const readShare = chosen === 'xlsx' ? 1 : Math.min(1, MEASURE_TEXT_BYTES / sizeBytes);
    const sampled = READABLE.has(chosen) ? this.contacts.sample(ids.slice(0, Math.floor(ids.length * readShare))) : undefined;
    this.events.push({
      ...this.base(person, ms, CRM_ORIGIN[crm]), type: 'crm.export', crm, route, fileName, format: chosen, sizeBytes,
      ...(sampled ? { rows: Math.floor(rows * readShare), columns, emailCount: sampled.emailCount, fingerprints: sampled.fingerprints, fingerprintLevel: sampled.fingerprintLevel } : { fingerprints: [], fingerprintLevel: 0 }),
    });
    return { fileName, sizeBytes, extension: chosen, contacts: ids };
  }

  /** A file sent to a personal site; its contacts are counted only when the extension can read the file. */
  upload(person: Person, ms: number, site: PersonalSite, file: SavedFile): void {
    const readable = READABLE.has(file.extension) && file.contacts.length > 0;
    const sampled = readable ? this.contacts.sample(file.contacts) : undefined;
    const channel = this.rng.chance(0.7) ? 'file_input' : this.rng.chance(0.85) ? 'drop' : 'paste';
    this.events.push({
      ...this.base(person, ms, site.origin), type: 'webmail.upload', destination: site.id, channel, fileName: file.fileName,
      sizeBytes: file.sizeBytes, mimeType: MIME[file.extension] ?? 'application/octet-stream', mode: 'audit',
      ...(site.accountDomain && { accountDomain: site.accountDomain }),
      ...(sampled ? { emailCount: sampled.emailCount, fingerprints: sampled.fingerprints, fingerprintLevel: sampled.fingerprintLevel } : { fingerprints: [], fingerprintLevel: 0 }),
    });
  }

  /** Pasted text: what a CRM copy put on the clipboard, or a short list of phone numbers with no addresses. */
  paste(person: Person, ms: number, site: PersonalSite, text: Clipboard | { phoneNumbers: number }): void {
    const fromCrm = 'contacts' in text;
    const sampled = fromCrm ? this.contacts.sample(text.contacts) : { emailCount: 0, fingerprints: [], fingerprintLevel: 0 };
    const rowCount = fromCrm ? text.contacts.length : text.phoneNumbers;
    this.events.push({
      ...this.base(person, ms, site.origin), type: 'webmail.paste', destination: site.id, emailCount: sampled.emailCount,
      phoneCount: fromCrm ? text.phoneCount : rowCount, rowCount, charCount: fromCrm ? text.charCount : rowCount * this.rng.int(12, 20),
      mode: 'audit', ...(site.accountDomain && { accountDomain: site.accountDomain }), fingerprints: sampled.fingerprints, fingerprintLevel: sampled.fingerprintLevel,
    });
  }

  heartbeat(person: Person, ms: number, extensionVersion: string, queueDepth: number): void {
    this.events.push({ ...this.base(person, ms, extensionOrigin(person)), type: 'agent.heartbeat', extensionVersion, queueDepth, incognitoAllowed: person.habits.incognitoAllowed });
  }

  noticeAcknowledged(person: Person, ms: number, extensionVersion: string): void {
    this.events.push({ ...this.base(person, ms, extensionOrigin(person)), type: 'agent.notice_acknowledged', noticeVersion: '2026-06', extensionVersion });
  }

  private exportFormat(crm: 'salesforce' | 'hubspot'): ExportFormat {
    const r = this.rng.next();
    if (crm === 'hubspot') return r < 0.45 ? 'csv' : r < 0.8 ? 'xlsx' : 'zip';
    return r < 0.6 ? 'csv' : r < 0.85 ? 'xlsx' : r < 0.9 ? 'xls' : r < 0.95 ? 'pdf' : 'zip';
  }

  private exportName(crm: 'salesforce' | 'hubspot', route: 'download' | 'blob', format: ExportFormat, ms: number): string {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (crm === 'hubspot') return `hubspot-crm-exports-${this.rng.pick(['all-contacts', 'webinar-leads', 'newsletter', 'mql-list'])}-${date}.${format}`;
    if (format === 'xls') return `PrintableView_${Math.floor(ms / 1000)}.xls`;
    if (route === 'blob') return `${this.rng.pick(['Contacts', 'Accounts', 'My_Open_Opportunities', 'Leads'])}_${date}.${format}`;
    return `report${Math.floor(ms / 1000)}.${format}`;
  }
}

/** Chromium's id is fixed by the manifest key; Firefox gives each installation its own UUID host. */
function extensionOrigin(person: Person): string {
  if (person.habits.browser === 'chromium') return `chrome-extension://${EXTENSION_ID}`;
  const hex = (person.index * 2654435761 >>> 0).toString(16).padStart(8, '0');
  return `moz-extension://${hex}-4b1e-4c2d-9a3f-${hex}${hex.slice(0, 4)}`;
}

/** A personal file: a photo, a ticket, a CV. Nothing from the CRM in it. */
export function personalFile(rng: Prng): SavedFile {
  const kind = rng.pick([['IMG_', 'jpg'], ['Screenshot ', 'png'], ['boarding-pass-', 'pdf'], ['CV_', 'pdf'], ['payslip_', 'pdf'], ['notes-', 'docx']] as const);
  return { fileName: `${kind[0]}${rng.int(1000, 9999)}.${kind[1]}`, sizeBytes: rng.logUniform(40_000, 6_000_000), extension: kind[1], contacts: [] };
}
