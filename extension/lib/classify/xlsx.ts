import { countContacts } from './contacts';
import { entryStream, zipEntries } from './zip';
import type { FileShape } from './file-shape';

/** Never more XML than this is inflated from one workbook: a zip bomb stops here. */
const MAX_XML_CHARS = 256 * 1024 * 1024;

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const ROW = /<(?:[A-Za-z]+:)?row[\s>/]/g;
const DIMENSION = /<(?:[A-Za-z]+:)?dimension\s+ref="[A-Z]+\d+:([A-Z]+)\d+"/;

/**
 * Rows and contacts of an XLSX workbook (Office Open XML, ECMA-376), read without loading the file: the
 * ZIP directory gives the worksheets and the shared strings, each is inflated as a stream and scanned
 * chunk by chunk — `<row>` elements counted in the sheets, addresses in the shared strings and in the
 * sheets' inline strings. Rows are data rows (a header row per sheet excluded), summed over the sheets.
 */
export async function measureXlsx(file: Blob): Promise<FileShape> {
  const entries = await zipEntries(file);
  const sheets = entries.filter((e) => SHEET.test(e.name));
  if (sheets.length === 0) throw new Error('not a workbook: no worksheets');
  const emails = new Set<string>();
  let budget = MAX_XML_CHARS;
  let rows = 0;
  let columns = 0;
  for (const entry of [...sheets, ...entries.filter((e) => e.name === 'xl/sharedStrings.xml')]) {
    const isSheet = SHEET.test(entry.name);
    let sheetRows = 0;
    let first = true;
    budget -= await scanXml(await entryStream(file, entry), budget, (text) => {
      if (isSheet) {
        if (first) columns = Math.max(columns, columnNumber(DIMENSION.exec(text)?.[1] ?? ''));
        sheetRows += text.match(ROW)?.length ?? 0;
      }
      first = false;
      for (const email of countContacts(text.replace(/<[^>]*>/g, ' ')).emails) emails.add(email);
    });
    rows += Math.max(0, sheetRows - 1);
  }
  return { rows, columns, emailCount: emails.size, emails: [...emails] };
}

/**
 * Feeds the decoded XML to `scan` in pieces that end just before a `<`, so no tag and no text node is
 * cut in two. Returns the characters read; stops after `budget`.
 */
async function scanXml(stream: ReadableStream<Uint8Array>, budget: number, scan: (text: string) => void): Promise<number> {
  // The DOM typings want a BufferSource writer; a Uint8Array stream is one.
  const reader = stream.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let carry = '';
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.length;
      const text = carry + value;
      const cut = text.lastIndexOf('<');
      // A text node longer than a chunk has no `<` yet: keep reading, but never hold more than 1 MB back.
      if (cut <= 0 && text.length < 1024 * 1024) { carry = text; continue; }
      scan(cut > 0 ? text.slice(0, cut) : text);
      carry = cut > 0 ? text.slice(cut) : '';
      if (read > budget) break;
    }
    if (carry) scan(carry);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return read;
}

/** `A` → 1, `E` → 5, `AA` → 27 */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
