/**
 * What the page handed over as an export (a Blob it made) must be the file the browser saved. The
 * downloads API knows the saved size and MIME type from the browser itself; a page that managed to feed
 * the extension a different Blob (or a bug that kept the wrong one) shows up as a disagreement here.
 * Returns why they disagree, or undefined when they agree or there is nothing to compare.
 */
export function savedFileMismatch(measured: { sizeBytes: number; mimeType: string }, saved: { fileSize: number; mime?: string }): string | undefined {
  if (saved.fileSize >= 0 && measured.sizeBytes !== saved.fileSize) {
    return `the page's Blob has ${measured.sizeBytes} bytes, the saved file ${saved.fileSize}`;
  }
  const blobType = baseType(measured.mimeType);
  const savedType = baseType(saved.mime ?? '');
  // A Blob without a type is saved as whatever the browser sniffs; only two stated types can disagree.
  if (blobType && savedType && savedType !== 'application/octet-stream' && blobType !== savedType) {
    return `the page's Blob is ${blobType}, the saved file ${savedType}`;
  }
  return undefined;
}

function baseType(mime: string): string {
  return mime.split(';')[0]!.trim().toLowerCase();
}
