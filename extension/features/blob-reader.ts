import { browser } from 'wxt/browser';
import { BackgroundToContent, type BlobShape, type Reply } from '../lib/messaging';
import { measureBlob } from '../lib/classify/file-shape';
import { BLOB_CREATED_EVENT } from './blob-capture';

/** Blobs are kept this long after creation, and at most this many: enough for the download to finish. */
const KEEP_MS = 10 * 60 * 1000;
const KEEP_COUNT = 20;

/**
 * Answers the background's request to measure a `blob:` export this page generated (blob URLs can only
 * be read from their own origin). The Blob itself is kept from the moment page script created its URL
 * (features/blob-capture.ts), so revoking the URL at once hides nothing; a URL made before the capture
 * was installed is fetched as before.
 */
export function initBlobReader(signal: AbortSignal): void {
  const created = new Map<string, { blob: Blob; at: number }>();
  document.addEventListener(BLOB_CREATED_EVENT, (event) => {
    const detail = (event as CustomEvent<unknown>).detail as { url?: unknown; blob?: unknown } | null;
    if (typeof detail?.url !== 'string' || !(detail.blob instanceof Blob)) return;
    created.set(detail.url, { blob: detail.blob, at: Date.now() });
    for (const [url, kept] of created) {
      if (created.size > KEEP_COUNT || Date.now() - kept.at > KEEP_MS) created.delete(url);
    }
  }, { capture: true, signal });

  const listener = (message: unknown): Promise<Reply<BlobShape>> | undefined => {
    const parsed = BackgroundToContent.safeParse(message);
    if (!parsed.success || !parsed.data.url.startsWith(`blob:${location.origin}/`)) return undefined;
    const { url, format } = parsed.data;
    const kept = created.get(url)?.blob;
    return (kept ? Promise.resolve(kept) : fetch(url).then((r) => r.blob()))
      .then(async (blob) => ({ ...(await measureBlob(blob, format)), sizeBytes: blob.size }))
      .then((data) => ({ ok: true, data }), (error) => ({ ok: false, error: String(error) }));
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
