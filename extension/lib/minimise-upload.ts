import type { PendingEvent } from './queue';

/**
 * Formats that hold tables or contacts: an upload of one of these is what crm-guard exists to notice,
 * so its name travels. Archives count too: an export is often zipped before it leaves.
 */
const EXPORT_LIKE_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'xls', 'xlsx', 'xlsm', 'ods', 'numbers', 'vcf', 'vcard', 'json', 'xml', 'zip', '7z', 'rar', 'gz', 'tar']);

/** The name's extension, lowercased, or '' without one. */
export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match ? match[1]!.toLowerCase() : '';
}

/** What an upload reports instead of its name: its extension only, e.g. `*.pdf` (or `*` without one). */
export function withheldName(fileName: string): string {
  const extension = extensionOf(fileName);
  return extension ? `*.${extension}` : '*';
}

/**
 * Data minimisation on the one path every event takes before it is queued (and so before the popup's
 * sent log records it): an upload to a personal destination that carries no contacts and is not an
 * export-like file reports its kind (MIME type), extension and size, not its name, unless the policy
 * keeps names. Everything else passes unchanged.
 */
export function minimiseEvent<T extends PendingEvent>(event: T, keepUploadNames: boolean): T {
  if (keepUploadNames || event.type !== 'webmail.upload') return event;
  const carriesContacts = (event.emailCount ?? 0) > 0 || (event.fingerprints?.length ?? 0) > 0;
  if (carriesContacts || EXPORT_LIKE_EXTENSIONS.has(extensionOf(event.fileName)) || /csv|spreadsheet|excel|vcard|tab-separated/i.test(event.mimeType)) return event;
  return { ...event, fileName: withheldName(event.fileName) };
}
