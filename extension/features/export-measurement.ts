import { browser, type Browser } from 'wxt/browser';
import { BlobShape, type BackgroundToContent, type Reply } from '../lib/messaging';
import type { ExportFormat } from '../../shared/events';
import { contentDispositionName } from '../lib/classify/export-format';
import { measureBlob, measureText, MEASURE_TEXT_BYTES, type FileShape } from '../lib/classify/file-shape';
import { savedFileMismatch } from '../lib/classify/saved-file-check';
import { readLimitedText } from '../lib/read-limited';

/**
 * A workbook is read through its ZIP directory, which needs the whole file as a Blob (the browser keeps a
 * large one on disk, not in this worker's memory); above this size it is reported with its size only.
 */
const MEASURE_WORKBOOK_BYTES = 512 * 1024 * 1024;

export type Route = 'download' | 'blob' | 'data';

/** How an export was measured (shared/events.ts `measuredBy`), with what it held when it could be read. */
export interface Measurement {
  measuredBy: 'page' | 'data_url' | 'saved_file' | 're_request' | 'unmeasured';
  shape?: FileShape;
  /** The name a re-request's Content-Disposition gave. */
  suggestedName?: string;
  /** Why it could not be measured, for the event and the console. */
  unmeasuredReason?: string;
  /** The page's Blob disagreed with the saved file: a tamper signal, and the counts are not used. */
  mismatch?: string;
}

/**
 * Counts rows and contacts without making a request in the CRM's name: a `blob:` export from the Blob the
 * page made (handed over at creation on the private channel), a `data:` export from its URL, and a server
 * download from the file the browser saved (a `file://` read, possible when the extension may access file
 * URLs: always for a policy- or developer-installed unpacked build, by the "Allow access to file URLs"
 * switch otherwise). Only where that is impossible, and only if the policy allows it, is the export URL
 * requested again, and the event says so. MV3 has no other way to the bytes of a finished download: the
 * downloads API gives names and sizes only, and webRequest sees headers, never bodies.
 */
export async function measureExport(url: string, route: Route, format: ExportFormat, item: Browser.downloads.DownloadItem, allowReRequest: boolean): Promise<Measurement> {
  if (route === 'blob') return measurePageBlob(url, format, item);
  if (route === 'data') return { measuredBy: 'data_url', ...(await readResponse(await fetch(url), format, item)) };
  if (item.mime?.startsWith('text/html')) return unmeasured('the server answered with a web page, not a file');
  if (item.filename && (await browser.extension.isAllowedFileSchemeAccess())) {
    const saved = await fetch(fileUrl(item.filename)).catch(() => undefined);
    if (saved?.ok) return { measuredBy: 'saved_file', ...(await readResponse(saved, format, item)) };
  }
  if (!allowReRequest) return unmeasured('the saved file cannot be read (no access to file URLs) and the policy does not allow requesting the export again');
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) return unmeasured(`requesting the export again was answered with ${response.status} ${response.headers.get('content-type') ?? ''}`.trim());
  return { measuredBy: 're_request', suggestedName: contentDispositionName(response.headers.get('content-disposition')), ...(await readResponse(response, format, item)) };
}

function unmeasured(reason: string): Measurement {
  return { measuredBy: 'unmeasured', unmeasuredReason: reason };
}

/** A file path as a `file://` URL: each segment escaped, Windows drive letters kept. */
export function fileUrl(path: string): string {
  const segments = path.replace(/\\/g, '/').split('/').map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)));
  const joined = segments.join('/');
  return `file://${joined.startsWith('/') ? '' : '/'}${joined}`;
}

async function readResponse(response: Response, format: ExportFormat, item: Browser.downloads.DownloadItem): Promise<{ shape?: FileShape }> {
  if (format === 'xlsx') {
    const length = Number(response.headers.get('content-length') || item.fileSize);
    if (length > MEASURE_WORKBOOK_BYTES) {
      await response.body?.cancel();
      return {};
    }
    return { shape: await measureBlob(await response.blob(), format).catch((error) => unreadable(item.filename, error)) };
  }
  return { shape: measureText((await readLimitedText(response, MEASURE_TEXT_BYTES)).text, format) };
}

/** A file that claims a format it does not have (a corrupt workbook) is still an export: reported with its name and size. */
function unreadable(name: string, error: unknown): undefined {
  console.warn('[crm-guard] could not read the export', name.slice(0, 200), error);
  return undefined;
}

/** Asks the tabs of the blob's origin for the Blob the page made, and checks it against what was saved. */
async function measurePageBlob(url: string, format: ExportFormat, item: Browser.downloads.DownloadItem): Promise<Measurement> {
  const origin = new URL(url.slice(5)).origin;
  const tabs = await browser.tabs.query({ url: `${origin}/*` });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const reply = (await browser.tabs.sendMessage(tab.id, { kind: 'read-blob', url, format } satisfies BackgroundToContent).catch(() => undefined)) as Reply<unknown> | undefined;
    const shape = reply?.ok ? BlobShape.safeParse(reply.data) : undefined;
    if (!shape?.success) continue;
    const mismatch = savedFileMismatch(shape.data, item);
    if (mismatch) return { measuredBy: 'unmeasured', unmeasuredReason: 'what the page handed over is not the file the browser saved', mismatch };
    return { measuredBy: 'page', shape: shape.data };
  }
  return unmeasured('no open tab of the page that made it could read the Blob');
}
