/**
 * The cell text of an Excel workbook (.xlsx: a zip of XML parts), enough to find the addresses in it: a
 * CRM export opened in Excel and saved as a workbook must still be traced to its source. Only the zip's
 * central directory and the string and sheet parts are read, never the whole file, and no more than
 * `maxBytes` is inflated (a zip bomb stops there).
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Shared strings hold the text cells Excel writes; sheets hold inline strings other tools write. */
const PARTS = /^xl\/(sharedStrings\.xml|worksheets\/sheet\d+\.xml)$/;

interface Entry { name: string; method: number; compressedSize: number; localOffset: number }

export async function xlsxText(file: Blob, maxBytes: number): Promise<string> {
  let budget = maxBytes;
  let text = '';
  for (const entry of await entries(file)) {
    if (budget <= 0) break;
    const xml = await inflate(file, entry, budget);
    budget -= xml.length;
    text += `${cellText(xml)}\n`;
  }
  return text;
}

async function bytes(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(start, end).arrayBuffer());
}

async function entries(file: Blob): Promise<Entry[]> {
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  const tailStart = Math.max(0, file.size - 22 - 65_535);
  const tail = await bytes(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = tail.getUint16(eocd + 10, true);
  const size = tail.getUint32(eocd + 12, true);
  const offset = tail.getUint32(eocd + 16, true);
  const directory = await bytes(file, offset, offset + size);
  const found: Entry[] = [];
  for (let p = 0, i = 0; i < count && p + 46 <= directory.byteLength; i++) {
    if (directory.getUint32(p, true) !== CENTRAL) throw new Error('corrupt zip directory');
    const nameLength = directory.getUint16(p + 28, true);
    const name = new TextDecoder().decode(new Uint8Array(directory.buffer, directory.byteOffset + p + 46, nameLength));
    if (PARTS.test(name)) {
      found.push({ name, method: directory.getUint16(p + 10, true), compressedSize: directory.getUint32(p + 20, true), localOffset: directory.getUint32(p + 42, true) });
    }
    p += 46 + nameLength + directory.getUint16(p + 30, true) + directory.getUint16(p + 32, true);
  }
  // Shared strings first: in an Excel-saved file that is where every address is.
  return found.sort((a, b) => Number(b.name.includes('sharedStrings')) - Number(a.name.includes('sharedStrings')));
}

async function inflate(file: Blob, entry: Entry, maxBytes: number): Promise<string> {
  const header = await bytes(file, entry.localOffset, entry.localOffset + 30);
  if (header.getUint32(0, true) !== LOCAL) throw new Error(`corrupt zip entry ${entry.name}`);
  const start = entry.localOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const data = file.slice(start, start + entry.compressedSize);
  if (entry.method === 0) return new TextDecoder().decode(await data.slice(0, maxBytes).arrayBuffer());
  if (entry.method !== 8) throw new Error(`unsupported zip compression ${entry.method} in ${entry.name}`);
  const reader = data.stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
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
