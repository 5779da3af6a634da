import type { Event } from '../../shared/events';
import { isPdfUpload } from './print-channel';

export interface Sequence {
  /** The personal upload or paste, or the print, that moved the data out. */
  exfiltration: Event;
  /** The CRM exports and copies in the window before it (and, before a PDF upload, the prints). */
  collection: Event[];
  /** Days of unusual record enumeration in the window before it. */
  enumerationDays: string[];
}

const COLLECTING: readonly string[] = ['crm.export', 'crm.copy', 'crm.print'];

/**
 * Each exfiltration preceded, within `windowHours`, by a CRM export or copy, or by a day of unusual record
 * enumeration, of the same employee. `carriesData` decides which uploads count: one holding no contacts
 * (a photo, a CV) after an export is not a sequence.
 */
export function findSequences(
  events: readonly Event[],
  windowHours: number,
  carriesData: (e: Event) => boolean = () => true,
  enumerationDays: readonly string[] = [],
): Sequence[] {
  const windowMs = windowHours * 3_600_000;
  const collections = events.filter((e) => COLLECTING.includes(e.type));
  const sequences: Sequence[] = [];
  for (const exfiltration of events) {
    if (!isExfiltration(exfiltration) || !carriesData(exfiltration)) continue;
    const at = Date.parse(exfiltration.occurredAt);
    const within = (t: number) => at - t >= 0 && at - t <= windowMs;
    // A print follows enumeration, not a routine report export (managers print what they export).
    // A PDF uploaded follows the print that made it (print-channel.ts).
    const collection = exfiltration.type === 'crm.print' ? [] : collections.filter((c) => within(Date.parse(c.occurredAt)) && (c.type !== 'crm.print' || isPdfUpload(exfiltration)));
    // A day of enumeration counts from its start: the print may come the same afternoon.
    const enumerated = enumerationDays.filter((day) => within(Date.parse(`${day}T00:00:00Z`)));
    if (collection.length > 0 || enumerated.length > 0) sequences.push({ exfiltration, collection, enumerationDays: enumerated });
  }
  return sequences;
}

export function isExfiltration(e: Event): boolean {
  return e.type === 'webmail.upload' || e.type === 'webmail.paste' || e.type === 'crm.print';
}
