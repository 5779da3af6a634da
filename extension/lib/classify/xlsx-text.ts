/**
 * The cell text of an Excel workbook (.xlsx: a zip of XML parts), enough to find the addresses in it: a
 * CRM export opened in Excel and saved as a workbook must still be traced to its source. Only the zip's
 * central directory and the string and sheet parts are read, never the whole file, and no more than
 * `maxBytes` is inflated (a zip bomb stops there).
 */
import { entryStream, zipEntries } from './zip';

/** Shared strings hold the text cells Excel writes; sheets hold inline strings other tools write. */
const PARTS = /^xl\/(sharedStrings\.xml|worksheets\/sheet\d+\.xml)$/;

export async function xlsxText(file: Blob, maxBytes: number): Promise<string> {
  // Shared strings first: in an Excel-saved file that is where every address is.
  const parts = (await zipEntries(file)).filter((e) => PARTS.test(e.name))
    .sort((a, b) => Number(b.name.includes('sharedStrings')) - Number(a.name.includes('sharedStrings')));
  let budget = maxBytes;
  let text = '';
  for (const entry of parts) {
    if (budget <= 0) break;
    const xml = await readText(await entryStream(file, entry), budget);
    budget -= xml.length;
    text += `${cellText(xml)}\n`;
  }
  return text;
}

/** At most about `maxBytes` of the stream, decoded; the rest is never inflated. */
async function readText(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let read = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (read >= maxBytes) {
      await reader.cancel();
      return text;
    }
  }
}

/** Text between tags, each cell on its own, with XML's entities decoded. */
function cellText(xml: string): string {
  return xml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
