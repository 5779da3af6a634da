import { describe, expect, it } from 'vitest';
import { countContacts } from '../../extension/lib/classify/contacts';
import { decodeText } from '../../extension/lib/classify/file-text';
import { measureTable } from '../../extension/lib/classify/table';
import { xlsxText } from '../../extension/lib/classify/xlsx-text';
import { fingerprintContacts } from '../../extension/lib/fingerprint';
import { isSignificantLineage, matchLineage } from '../../server/risk/lineage';
import { contactsCsv, FIXTURE_CONTACTS, UNRELATED_CONTACTS, type FixtureContact } from '../fixtures/contacts';
import { zip } from '../fixtures/zip';

/**
 * Lineage that survives editing, end to end through the real code on both sides: the CRM export measured
 * as the extension measures it, then files derived from it read as the upload detector reads them
 * (decodeText + countContacts), fingerprinted with the same salt, matched as the server matches.
 */
const SALT = 'lineage-editing-test-salt';

async function source() {
  return { eventId: 'export', ...(await fingerprintContacts(measureTable(contactsCsv()).emails, SALT)) };
}

async function upload(bytes: Uint8Array) {
  return { eventId: 'upload', ...(await fingerprintContacts(countContacts(decodeText(bytes)).emails, SALT)) };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = code & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return out;
}

/** A table written the way a spreadsheet re-save might: any delimiter, every cell quoted, any line ending. */
function table(rows: string[][], delimiter: string, eol: string, quoteAll: boolean): string {
  const cell = (v: string) => (quoteAll || v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(delimiter)).join(eol) + eol;
}

const columns = (c: FixtureContact) => ({ first: c.firstName, last: c.lastName, company: c.company, email: c.email, phone: c.phone });

async function share(bytes: Uint8Array) {
  return matchLineage(await upload(bytes), [await source()]);
}

describe('lineage of edited copies of a CRM export', () => {
  const n = FIXTURE_CONTACTS.length;

  it('matches a renamed, re-saved file with other delimiters, quoting and line endings, and a BOM', async () => {
    const rows = [['Email', 'Phone', 'Name', 'Company'], ...FIXTURE_CONTACTS.map((c) => [c.email, c.phone, `${c.lastName}, ${c.firstName}`, c.company])];
    for (const text of [table(rows, ';', '\n', true), table(rows, '\t', '\r\n', false), `\uFEFF${table(rows, '|', '\r', false)}`]) {
      expect(await share(utf8(text))).toMatchObject({ matched: n, total: n, share: 1 });
    }
  });

  it('matches Excel’s UTF-16 "Unicode Text", with or without a byte-order mark', async () => {
    const rows = [['Company', 'E-mail'], ...FIXTURE_CONTACTS.map((c) => [c.company, c.email])];
    expect(await share(utf16le(table(rows, '\t', '\r\n', false)))).toMatchObject({ matched: n, share: 1 });
    expect(await share(utf16le(table(rows, '\t', '\r\n', false), false))).toMatchObject({ matched: n, share: 1 });
  });

  it('matches an edited file with the share of contacts that still come from the CRM', async () => {
    // Ten addresses retyped, five rows deleted, addresses upper-cased, three contacts of the employee's own added.
    const edited = FIXTURE_CONTACTS.slice(0, n - 5).map((c, i) => ({ ...columns(c), email: i < 10 ? `new.${i}@example-elsewhere.org` : c.email.toUpperCase() }));
    const own = UNRELATED_CONTACTS.slice(0, 3).map(columns);
    const rows = [['email', 'first', 'last'], ...[...own, ...edited].map((c) => [c.email, c.first, c.last])];
    const match = await share(utf8(table(rows, ',', '\n', false)));
    expect(match).toMatchObject({ matched: n - 15, total: n - 5 + 3 - 0 });
    expect(match!.share).toBeCloseTo((n - 15) / (n - 2), 5);
    expect(isSignificantLineage(match)).toBe(true);
  });

  it('matches the export opened in Excel and saved as a workbook', async () => {
    const strings = FIXTURE_CONTACTS.flatMap((c) => [c.company, c.email]).map((v) => `<si><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></si>`).join('');
    const book = zip({ 'xl/workbook.xml': '<workbook/>', 'xl/sharedStrings.xml': `<sst>${strings}</sst>`, 'xl/worksheets/sheet1.xml': '<worksheet/>' });
    const fromWorkbook = { eventId: 'upload', ...(await fingerprintContacts(countContacts(await xlsxText(book, 1 << 24)).emails, SALT)) };
    expect(matchLineage(fromWorkbook, [await source()])).toMatchObject({ matched: n, share: 1 });
  });

  it('matches contacts written as "Name <address>" (an address book export) and vCards', async () => {
    const outlook = FIXTURE_CONTACTS.map((c) => `"${c.firstName} ${c.lastName}" <${c.email}>`).join('; ');
    expect(await share(utf8(outlook))).toMatchObject({ matched: n, share: 1 });
    const vcf = FIXTURE_CONTACTS.map((c) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${c.firstName} ${c.lastName}\r\nEMAIL;TYPE=WORK:${c.email}\r\nEND:VCARD`).join('\r\n');
    expect(await share(utf8(vcf))).toMatchObject({ matched: n, share: 1 });
  });

  it('does not match an unrelated contact list, even one sharing an address by coincidence', async () => {
    const unrelated = [...UNRELATED_CONTACTS, ...Array.from({ length: 50 }, (_, i) => ({ ...UNRELATED_CONTACTS[0]!, email: `lead${i}@example-tradeshow.com` }))];
    const rows = [['Email', 'Name'], ...unrelated.map((c) => [c.email, c.firstName])];
    expect(await share(utf8(table(rows, ',', '\r\n', false)))).toBeUndefined();
    const withOne = [...rows, [FIXTURE_CONTACTS[0]!.email, 'Olivia']];
    const coincidence = await share(utf8(table(withOne, ',', '\r\n', false)));
    expect(coincidence).toMatchObject({ matched: 1 });
    expect(isSignificantLineage(coincidence)).toBe(false);
  });
});
