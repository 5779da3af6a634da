import { describe, it, expect } from 'vitest';
import { ExportFormat } from '../../../shared/events';
import { baseName, contentDispositionName, exportFormat, isDelimitedText, isTextLike } from './export-format';

describe('exportFormat', () => {
  it.each([
    ['contacts.csv', 'csv'],
    ['contacts.tsv', 'tsv'],
    ['contacts.tab', 'tsv'],
    ['report.xlsx', 'xlsx'],
    ['report.xlsm', 'xlsx'],
    ['report.xls', 'xls'],
    ['ivan.vcf', 'vcf'],
    ['ivan.vcard', 'vcf'],
    ['dump.json', 'json'],
    ['dump.xml', 'xml'],
    ['report.pdf', 'pdf'],
    ['export.zip', 'zip'],
  ] as const)('reads %s as %s', (name, format) => {
    expect(exportFormat(name)).toBe(format);
  });

  it('ignores the case of the extension', () => {
    expect(exportFormat('CONTACTS.CSV')).toBe('csv');
    expect(exportFormat('Report.XlSx')).toBe('xlsx');
  });

  it('uses only the last extension', () => {
    expect(exportFormat('contacts.csv.zip')).toBe('zip');
    expect(exportFormat('backup.tar.gz')).toBe('other');
  });

  it('prefers the extension over the MIME type', () => {
    expect(exportFormat('contacts.csv', 'application/pdf')).toBe('csv');
  });

  it('falls back to the MIME type, ignoring parameters and case', () => {
    expect(exportFormat('export', 'text/csv; charset=utf-8')).toBe('csv');
    expect(exportFormat('export', 'Text/CSV')).toBe('csv');
    expect(exportFormat('export.txt', 'text/tab-separated-values')).toBe('tsv');
    expect(exportFormat('', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(exportFormat('', 'application/vnd.ms-excel')).toBe('xls');
    expect(exportFormat('', 'text/x-vcard')).toBe('vcf');
  });

  it('says other when neither name nor type is known', () => {
    expect(exportFormat('')).toBe('other');
    expect(exportFormat('README')).toBe('other');
    expect(exportFormat('notes.txt', 'text/plain')).toBe('other');
    expect(exportFormat('photo.png', 'image/png')).toBe('other');
  });

  it('always answers a valid ExportFormat', () => {
    for (const name of ['a.csv', 'a.doc', '', '.', 'a.', 'a..csv']) expect(ExportFormat.safeParse(exportFormat(name)).success).toBe(true);
  });
});

describe('isDelimitedText and isTextLike', () => {
  it('treats only CSV and TSV as delimited', () => {
    const delimited = ExportFormat.options.filter(isDelimitedText);
    expect(delimited.sort()).toEqual(['csv', 'tsv']);
  });

  it('treats CSV, TSV, vCard, JSON and XML as text', () => {
    const textLike = ExportFormat.options.filter(isTextLike);
    expect(textLike.sort()).toEqual(['csv', 'json', 'tsv', 'vcf', 'xml']);
  });

  it('treats every delimited format as text-like', () => {
    for (const format of ExportFormat.options) if (isDelimitedText(format)) expect(isTextLike(format)).toBe(true);
  });
});

describe('baseName', () => {
  it('strips POSIX and Windows directories', () => {
    expect(baseName('/home/ivan/Downloads/contacts.csv')).toBe('contacts.csv');
    expect(baseName('C:\\Users\\Ivan\\Downloads\\contacts.csv')).toBe('contacts.csv');
    expect(baseName('a/b\\c/d.csv')).toBe('d.csv');
  });

  it('keeps a bare name, including a non-ASCII one', () => {
    expect(baseName('contacts.csv')).toBe('contacts.csv');
    expect(baseName('Контакты.csv')).toBe('Контакты.csv');
    expect(baseName('')).toBe('');
  });
});

describe('contentDispositionName', () => {
  const cyrillic = 'Контакты 2024.csv';
  const encoded = encodeURIComponent(cyrillic);

  it('is undefined without a header or a file name', () => {
    expect(contentDispositionName(null)).toBeUndefined();
    expect(contentDispositionName('')).toBeUndefined();
    expect(contentDispositionName('attachment')).toBeUndefined();
    expect(contentDispositionName('attachment; filename=""')).toBeUndefined();
  });

  it('reads a plain file name', () => {
    expect(contentDispositionName('attachment; filename=report.csv')).toBe('report.csv');
    expect(contentDispositionName('attachment; filename = report.csv ; size=10')).toBe('report.csv');
  });

  it('reads a quoted file name, which may hold semicolons and spaces', () => {
    expect(contentDispositionName('attachment; filename="My report; Q1.csv"')).toBe('My report; Q1.csv');
  });

  it('decodes the UTF-8 filename* form', () => {
    expect(encoded).toContain('%D0%9A');
    expect(contentDispositionName(`attachment; filename*=UTF-8''${encoded}`)).toBe(cyrillic);
    expect(contentDispositionName(`attachment; filename*=utf-8''${encoded}`)).toBe(cyrillic);
  });

  it('reads parameter names and the charset in any case (RFC 6266, RFC 5987)', () => {
    expect(contentDispositionName('Attachment; FILENAME="report.csv"')).toBe('report.csv');
    expect(contentDispositionName('attachment; FileName=report.csv')).toBe('report.csv');
    expect(contentDispositionName(`attachment; FILENAME*=Utf-8''${encoded}; filename="Kontakty.csv"`)).toBe(cyrillic);
  });

  it('skips the language tag of filename*', () => {
    expect(contentDispositionName(`attachment; filename*=UTF-8'ru'${encoded}`)).toBe(cyrillic);
    expect(contentDispositionName(`attachment; filename*=UTF-8'en-GB'report.csv`)).toBe('report.csv');
  });

  it('does not decode a charset other than UTF-8, and falls back to the plain form', () => {
    expect(contentDispositionName(`attachment; filename*=ISO-8859-1''%E9t%E9.csv; filename="ete.csv"`)).toBe('ete.csv');
  });

  it('prefers filename* over filename, in either order', () => {
    expect(contentDispositionName(`attachment; filename="Kontakty.csv"; filename*=UTF-8''${encoded}`)).toBe(cyrillic);
    expect(contentDispositionName(`attachment; filename*=UTF-8''${encoded}; filename="Kontakty.csv"`)).toBe(cyrillic);
  });

  it('falls back to the plain form when the percent-encoding is malformed', () => {
    expect(contentDispositionName(`attachment; filename*=UTF-8''%D0%9A%ZZ.csv; filename="fallback.csv"`)).toBe('fallback.csv');
    expect(contentDispositionName(`attachment; filename*=UTF-8''%D0.csv`)).toBeUndefined();
  });

  it('strips paths from either form', () => {
    expect(contentDispositionName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(contentDispositionName('attachment; filename="C:\\Users\\Ivan\\contacts.csv"')).toBe('contacts.csv');
    expect(contentDispositionName('attachment; filename=/tmp/contacts.csv')).toBe('contacts.csv');
    expect(contentDispositionName(`attachment; filename*=UTF-8''..%2F..%2F${encoded}`)).toBe(cyrillic);
  });
});
