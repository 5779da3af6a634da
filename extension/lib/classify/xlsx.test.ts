import { describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../../../test/fixtures/contacts';
import { xlsxWorkbook, zip } from '../../../test/fixtures/xlsx';
import { measureBlob } from './file-shape';

const blobOf = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]);
const ROWS = [['Full Name', 'Company', 'Email', 'Phone'], ...FIXTURE_CONTACTS.map((c) => [`${c.firstName} ${c.lastName}`, c.company, c.email, c.phone])];

describe('measureXlsx', () => {
  it('counts the data rows, the columns and the addresses of a workbook', async () => {
    const shape = await measureBlob(blobOf(xlsxWorkbook(ROWS)), 'xlsx');
    expect(shape).toMatchObject({ rows: FIXTURE_CONTACTS.length, columns: 4, emailCount: FIXTURE_CONTACTS.length });
    expect(shape.emails.sort()).toEqual(FIXTURE_CONTACTS.map((c) => c.email).sort());
  });

  it("does not count Dynamics 365's hidden metadata sheet as data", async () => {
    expect(await measureBlob(blobOf(xlsxWorkbook(ROWS, { hiddenSheet: true })), 'xlsx')).toMatchObject({ rows: FIXTURE_CONTACTS.length });
  });

  it('reads a workbook of 10,000 rows whose XML spans many chunks, cutting no address in two', async () => {
    const many = [ROWS[0]!, ...Array.from({ length: 10_000 }, (_, i) => [`Client ${i}`, `Account ${i}`, `client.${i}@example-accounts.com`, `+1 212 555 ${String(i).padStart(4, '0')}`])];
    const shape = await measureBlob(blobOf(xlsxWorkbook(many)), 'xlsx');
    expect(shape).toMatchObject({ rows: 10_000, emailCount: 10_000 });
  });

  it('fails clearly on a file that is not a workbook', async () => {
    await expect(measureBlob(new Blob([new Uint8Array(4096).map((_, i) => (i * 7919) % 256)]), 'xlsx')).rejects.toThrow(/not a zip/);
    await expect(measureBlob(blobOf(zip([['readme.txt', 'hello']])), 'xlsx')).rejects.toThrow(/no worksheets/);
  });

  it('counts vCards as records', async () => {
    const cards = FIXTURE_CONTACTS.slice(0, 3).map((c) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${c.firstName}\r\nEMAIL;TYPE=WORK:${c.email}\r\nTEL:${c.phone}\r\nEND:VCARD\r\n`).join('');
    expect(await measureBlob(new Blob([cards]), 'vcf')).toMatchObject({ rows: 3, columns: 0, emailCount: 3 });
  });
});
