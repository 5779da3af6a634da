/**
 * Just enough of the ZIP format (APPNOTE.TXT) to stream single entries out of a large archive without
 * reading the rest: the central directory is found from the end of the file, then one entry's bytes are
 * sliced and inflated as a stream. ZIP64 sizes and offsets are understood; encryption is not (such an
 * entry is reported unreadable).
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function bytes(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(Math.max(0, start), end).arrayBuffer());
}

/** The archive's entries, read from its central directory; throws when `file` is not a ZIP. */
export async function zipEntries(file: Blob): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, file.size - 22 - 0xffff);
  const tail = await bytes(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  let count = tail.getUint16(eocd + 10, true);
  let size = tail.getUint32(eocd + 12, true);
  let offset = tail.getUint32(eocd + 16, true);
  if ((offset === 0xffffffff || size === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = await bytes(file, Number(tail.getBigUint64(eocd - 12, true)), Number(tail.getBigUint64(eocd - 12, true)) + 56);
    if (record.getUint32(0, true) !== ZIP64_EOCD) throw new Error('corrupt zip64 directory');
    count = Number(record.getBigUint64(32, true));
    size = Number(record.getBigUint64(40, true));
    offset = Number(record.getBigUint64(48, true));
  }
  if (offset + size > file.size || size > 64 * 1024 * 1024) throw new Error('corrupt zip directory');
  const directory = await bytes(file, offset, offset + size);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let p = 0; entries.length < count && p + 46 <= directory.byteLength; ) {
    if (directory.getUint32(p, true) !== CENTRAL) throw new Error('corrupt zip directory entry');
    const nameLength = directory.getUint16(p + 28, true);
    const extraLength = directory.getUint16(p + 30, true);
    const commentLength = directory.getUint16(p + 32, true);
    const name = decoder.decode(new Uint8Array(directory.buffer, directory.byteOffset + p + 46, nameLength));
    let compressedSize = directory.getUint32(p + 20, true);
    const uncompressedSize = directory.getUint32(p + 24, true);
    let localHeaderOffset = directory.getUint32(p + 42, true);
    // ZIP64 extra field (0x0001): the 64-bit values, in this order, for the 32-bit fields that are 0xffffffff.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = directory.getUint16(e, true);
      const length = directory.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) { compressedSize = Number(directory.getBigUint64(q, true)); q += 8; }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(directory.getBigUint64(q, true));
      }
      e += 4 + length;
    }
    const flags = directory.getUint16(p + 8, true);
    entries.push({ name, method: flags & 1 ? -1 : directory.getUint16(p + 10, true), compressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's content as a byte stream, inflated as it is read. */
export async function entryStream(file: Blob, entry: ZipEntry): Promise<ReadableStream<Uint8Array>> {
  const header = await bytes(file, entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL) throw new Error(`corrupt zip entry ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const raw = file.slice(start, start + entry.compressedSize).stream();
  if (entry.method === 0) return raw;
  if (entry.method === 8) return raw.pipeThrough(new DecompressionStream('deflate-raw'));
  throw new Error(`zip entry ${entry.name} uses method ${entry.method}, which is not read`);
}
