import { measureTable } from './table';
import { measureXlsx } from './xlsx';
import type { ExportFormat } from '../../../shared/events';
import { countContacts } from './contacts';

/** What an export holds, as far as it could be read: records (data rows, vCards), columns, addresses. */
export interface FileShape {
  rows: number;
  columns: number;
  emailCount: number;
  emails: string[];
}

/** Only this much of a text export is read: ~100k contacts, never a whole 1 GB file. */
export const MEASURE_TEXT_BYTES = 32 * 1024 * 1024;

/** Formats whose content is measured. */
export function isMeasurable(format: ExportFormat): boolean {
  return format === 'csv' || format === 'tsv' || format === 'vcf' || format === 'xlsx';
}

/** The shape of a text export's content (CSV, TSV, vCard). */
export function measureText(text: string, format: ExportFormat): FileShape {
  if (format === 'vcf') {
    const { emails, emailCount } = countContacts(text);
    // One record per card; a vCard has no columns.
    return { rows: text.match(/^BEGIN:VCARD\s*$/gim)?.length ?? 0, columns: 0, emailCount, emails };
  }
  const { rows, columns, emailCount, emails } = measureTable(text);
  return { rows, columns, emailCount, emails };
}

/** The shape of an export held as a Blob: workbooks through their ZIP directory, text from its first 32 MiB. */
export async function measureBlob(file: Blob, format: ExportFormat): Promise<FileShape> {
  if (format === 'xlsx') return measureXlsx(file);
  return measureText(await file.slice(0, MEASURE_TEXT_BYTES).text(), format);
}
