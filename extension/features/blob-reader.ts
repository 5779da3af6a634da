import { browser } from 'wxt/browser';
import { BackgroundToContent, type BlobShape, type Reply } from '../lib/messaging';
import { measureBlob } from '../lib/classify/file-shape';
import type { PageChannel } from './page-channel';

/** Blobs are kept this long after creation, and at most this many: enough for the download to finish. */
const KEEP_MS = 10 * 60 * 1000;
const KEEP_COUNT = 20;

/**
 * Answers the background's request to measure a `blob:` export this page generated (blob URLs can only
 * be read from their own origin). The Blob itself is kept from the moment page script created its URL,
 * as the MAIN world handed it over the private channel (features/blob-capture.ts), so revoking the URL at
 * once hides nothing and no page event can swap it. A URL made before the capture was installed is
 * fetched as before; the reply says which, and the background checks the size and type against the file
 * the browser saved.
 */
export function initBlobReader(signal: AbortSignal, channel: PageChannel): void {
  const created = new Map<string, { blob: Blob; at: number }>();
  channel.on('blob-created', ({ url, blob }) => {
    created.set(url, { blob, at: Date.now() });
    for (const [kept, entry] of created) {
      if (created.size > KEEP_COUNT || Date.now() - entry.at > KEEP_MS) created.delete(kept);
    }
  });

  const listener = (message: unknown): Promise<Reply<BlobShape>> | undefined => {
    const parsed = BackgroundToContent.safeParse(message);
    if (!parsed.success || !parsed.data.url.startsWith(`blob:${location.origin}/`)) return undefined;
    const { url, format } = parsed.data;
    const kept = created.get(url)?.blob;
    return (kept ? Promise.resolve(kept) : fetch(url).then((r) => r.blob()))
      .then(async (blob) => ({ ...(await measureBlob(blob, format)), sizeBytes: blob.size, mimeType: blob.type, capturedAtCreation: kept !== undefined }))
      .then((data) => ({ ok: true, data }), (error) => ({ ok: false, error: String(error) }));
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
