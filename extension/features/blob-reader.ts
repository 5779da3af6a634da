import { browser } from 'wxt/browser';
import { BackgroundToContent, type BlobShape, type Reply } from '../lib/messaging';
import { measureTable } from '../lib/classify/table';

const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/**
 * Answers the background's request to measure a `blob:` export this page generated: blob URLs can only
 * be read from their own origin. Only the first 32 MiB are read.
 */
export function initBlobReader(signal: AbortSignal): void {
  const listener = (message: unknown): Promise<Reply<BlobShape>> | undefined => {
    const parsed = BackgroundToContent.safeParse(message);
    if (!parsed.success || !parsed.data.url.startsWith(`blob:${location.origin}/`)) return undefined;
    return readBlob(parsed.data.url).then(
      (data) => ({ ok: true, data }),
      (error) => ({ ok: false, error: String(error) }),
    );
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}

async function readBlob(url: string): Promise<BlobShape> {
  const blob = await (await fetch(url)).blob();
  const { rows, columns, emailCount, emails } = measureTable(await blob.slice(0, MAX_BLOB_BYTES).text());
  return { rows, columns, emailCount, emails, sizeBytes: blob.size };
}
