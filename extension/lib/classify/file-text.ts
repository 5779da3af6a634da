/**
 * The text of the first `maxBytes` of a file, in the encoding its byte-order mark names. Excel's "Unicode
 * Text" and some CSV re-saves are UTF-16 with a BOM; read as UTF-8 their addresses would be lost among NULs
 * and a re-saved client list would no longer match its source.
 */
export async function fileText(file: Blob, maxBytes: number): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, maxBytes).arrayBuffer());
  return decodeText(bytes);
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // Without a BOM, UTF-16 text shows as every other byte NUL; ASCII addresses then sit on even or odd bytes.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder().decode(bytes);
}
