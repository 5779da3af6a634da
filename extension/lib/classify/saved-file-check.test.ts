import { describe, expect, it } from 'vitest';
import { savedFileMismatch } from './saved-file-check';

describe('savedFileMismatch', () => {
  it('accepts the Blob that was saved, whatever parameters its type carries', () => {
    expect(savedFileMismatch({ sizeBytes: 5095, mimeType: 'text/csv;charset=utf-8' }, { fileSize: 5095, mime: 'text/csv' })).toBeUndefined();
  });

  it('names a size that differs from the saved file (a tiny Blob announced for a large export)', () => {
    expect(savedFileMismatch({ sizeBytes: 11, mimeType: 'text/csv' }, { fileSize: 5095, mime: 'text/csv' })).toBe("the page's Blob has 11 bytes, the saved file 5095");
  });

  it('names a type that differs, but not a missing or sniffed one', () => {
    expect(savedFileMismatch({ sizeBytes: 10, mimeType: 'text/plain' }, { fileSize: 10, mime: 'text/csv' })).toBe("the page's Blob is text/plain, the saved file text/csv");
    expect(savedFileMismatch({ sizeBytes: 10, mimeType: '' }, { fileSize: 10, mime: 'text/csv' })).toBeUndefined();
    expect(savedFileMismatch({ sizeBytes: 10, mimeType: 'text/csv' }, { fileSize: 10, mime: 'application/octet-stream' })).toBeUndefined();
  });

  it('has nothing to compare when the browser does not know the saved size', () => {
    expect(savedFileMismatch({ sizeBytes: 10, mimeType: 'text/csv' }, { fileSize: -1 })).toBeUndefined();
  });
});
