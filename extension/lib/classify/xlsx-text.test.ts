import { describe, expect, it } from 'vitest';
import { zip } from '../../../test/fixtures/zip';
import { countContacts } from './contacts';
import { xlsxText } from './xlsx-text';

const addresses = Array.from({ length: 40 }, (_, i) => `client${i}@example-accounts.com`);
const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="82" uniqueCount="82"><si><t>Email</t></si><si><t>Company</t></si>${addresses.map((a, i) => `<si><t>${a}</t></si><si><t>Smith &amp; Sons ${i}</t></si>`).join('')}</sst>`;

describe('xlsxText', () => {
  it('finds the addresses of an Excel workbook, deflated or stored', async () => {
    for (const method of [8, 0] as const) {
      const book = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/sharedStrings.xml': sharedStrings, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>' }, method);
      const text = await xlsxText(book, 1 << 20);
      expect(countContacts(text).emails.sort()).toEqual([...addresses].sort());
      expect(text).toContain('Smith & Sons 3');
    }
  });

  it('reads inline strings from sheets other tools write', async () => {
    const sheet = `<worksheet><sheetData><row><c t="inlineStr"><is><t>${addresses[0]}</t></is></c><c t="inlineStr"><is><t>${addresses[1]}</t></is></c></row></sheetData></worksheet>`;
    expect(countContacts(await xlsxText(zip({ 'xl/worksheets/sheet1.xml': sheet }), 1 << 20)).emailCount).toBe(2);
  });

  it('inflates no more than asked, and rejects what is not a zip', async () => {
    const bomb = zip({ 'xl/sharedStrings.xml': `<sst>${'<si><t>x</t></si>'.repeat(500_000)}</sst>` });
    expect((await xlsxText(bomb, 64 * 1024)).length).toBeLessThan(200 * 1024);
    await expect(xlsxText(new Blob(['Email,Name\na@b.co,A']), 1 << 20)).rejects.toThrow('not a zip file');
  });
});
