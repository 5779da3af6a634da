import type { Event } from '../../shared/events';
import type { IndicatorAnomaly } from './anomaly';

/**
 * Printing as a channel of its own. A CRM view printed to PDF and the PDF uploaded to a personal destination
 * is the same chain as an export uploaded: only the file's format differs. A PDF's contacts cannot be read
 * (the extension counts addresses only in text-like files), so nothing links it by fingerprints; the print
 * shortly before it does, and a printed CRM view is CRM data through and through. So it is scored as a
 * sequence (a full exfiltration, like a print after enumeration) and as lineage with a share of 1, sized
 * by the prints before it where a CSV is sized by its matched contacts.
 */
export function isPdfUpload(e: Event): boolean {
  if (e.type !== 'webmail.upload') return false;
  return (e.mimeType === 'application/pdf' || /\.pdf$/i.test(e.fileName)) && !e.emailCount;
}

/** PDF uploads that follow a CRM print of the same person within `windowHours`, with how many prints preceded each. */
export function printedPdfUploads(events: readonly Event[], windowHours: number): Map<string, number> {
  const prints = events.filter((e) => e.type === 'crm.print').map((e) => Date.parse(e.occurredAt));
  const windowMs = windowHours * 3_600_000;
  const result = new Map<string, number>();
  if (prints.length === 0) return result;
  for (const e of events) {
    if (!isPdfUpload(e)) continue;
    const at = Date.parse(e.occurredAt);
    const before = prints.filter((t) => at - t >= 0 && at - t <= windowMs).length;
    if (before > 0) result.set(e.id, before);
  }
  return result;
}

/**
 * Days of a print burst: more prints than both the person's and the peers' usual, beyond the dead zone (the
 * days the prints indicator earned points on). Such a day is collection for its own prints, as a day of
 * record enumeration is: the views were opened to be printed. Without it, a role that never prints could
 * print a client list page by page and only the volume would count. From the notice's day on (`handoverFrom`)
 * a print burst alone is the handover's paperwork (account summaries for a successor) and weighs as volume
 * only; prints after enumeration, and PDFs uploaded after prints, still say where the data went.
 */
export function printBurstDays(prints: IndicatorAnomaly | undefined, handoverFrom?: string): string[] {
  return (prints?.days ?? []).filter((d) => d.points > 0 && (handoverFrom === undefined || d.day < handoverFrom)).map((d) => d.day);
}
