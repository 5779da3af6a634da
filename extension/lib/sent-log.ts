import type { PendingEvent } from './queue';

/** The popup shows what this browser reported in this many days; older entries are deleted. */
export const SENT_LOG_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * What the employee sees about one reported event: its kind, when, on which site, and the same counts
 * and names the server received. Never content, fingerprints or a typed justification.
 */
export interface SentEntry {
  id: string;
  type: PendingEvent['type'];
  occurredAt: string;
  /** When the server acknowledged it (ms since epoch); pruned by this. */
  sentAt: number;
  /** The page's host name, e.g. `acme.lightning.force.com`. */
  site: string;
  fileName?: string;
  format?: string;
  rows?: number;
  sizeBytes?: number;
  emails?: number;
  /** For a tamper or coverage signal: which one (shared/events.ts TamperSignal). */
  signal?: string;
  phones?: number;
  action?: 'copy' | 'cut';
}

export function toSentEntry(event: PendingEvent, sentAt: number): SentEntry {
  const entry: SentEntry = { id: event.id, type: event.type, occurredAt: event.occurredAt, sentAt, site: hostOf(event.origin) };
  switch (event.type) {
    case 'crm.export':
      return { ...entry, fileName: event.fileName, format: event.format, ...defined({ rows: event.rows, sizeBytes: event.sizeBytes, emails: event.emailCount }) };
    case 'crm.copy':
      return { ...entry, action: event.action, emails: event.emailCount, phones: event.phoneCount, rows: event.rowCount };
    case 'webmail.upload':
      return { ...entry, fileName: event.fileName, sizeBytes: event.sizeBytes, ...defined({ emails: event.emailCount }) };
    case 'webmail.paste':
      return { ...entry, emails: event.emailCount, phones: event.phoneCount, rows: event.rowCount };
    case 'crm.list_view':
      return { ...entry, emails: event.emailCount };
    case 'agent.tamper':
      return { ...entry, signal: event.signal };
    default:
      return entry;
  }
}

/** Entries at or after this instant are kept. */
export function sentLogCutoff(now: number): number {
  return now - SENT_LOG_DAYS * DAY_MS;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname || origin;
  } catch {
    return origin;
  }
}

function defined<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}
