import type { ExportFormat } from '../../../shared/events';

const BY_EXTENSION: Record<string, ExportFormat> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', xlsx: 'xlsx', xlsm: 'xlsx', xls: 'xls', vcf: 'vcf', vcard: 'vcf',
  json: 'json', xml: 'xml', pdf: 'pdf', zip: 'zip',
};

const BY_MIME: Record<string, ExportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

/** The export's format from its file name, else its MIME type; `other` when neither says. */
export function exportFormat(fileName: string, mimeType = ''): ExportFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || BY_MIME[mimeType.split(';')[0]!.trim().toLowerCase()] || 'other';
}

/** Formats whose rows and addresses can be counted from their text. */
export function isDelimitedText(format: ExportFormat): boolean {
  return format === 'csv' || format === 'tsv';
}

/** Text-like formats worth scanning for addresses. */
export function isTextLike(format: ExportFormat): boolean {
  return format === 'csv' || format === 'tsv' || format === 'vcf' || format === 'json' || format === 'xml';
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The file name a `Content-Disposition` header suggests (RFC 6266), preferring the UTF-8 `filename*` form. */
export function contentDispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  // Parameter names and the charset are case-insensitive, and a language tag may sit between the quotes
  // (RFC 5987 §3.2.1: `UTF-8'ru'%D0%9A…`); `FILENAME=` and `UTF-8'en'…` used to be missed.
  const extended = /filename\*\s*=\s*utf-8'[a-z0-9-]*'([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return baseName(decodeURIComponent(extended.trim()));
    } catch {
      // A malformed percent-encoding: fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? baseName(name) : undefined;
}
