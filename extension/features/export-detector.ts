import { browser, type Browser } from 'wxt/browser';
import { BlobShape, type BackgroundToContent, type Reply } from '../lib/messaging';
import type { ExportFormat } from '../../shared/events';
import { baseName, contentDispositionName, exportFormat } from '../lib/classify/export-format';
import { isMeasurable, measureBlob, measureText, MEASURE_TEXT_BYTES, type FileShape } from '../lib/classify/file-shape';
import { fingerprintContacts } from '../lib/fingerprint';
import { siteFor } from '../lib/match-pattern';
import { cachedPolicy } from '../lib/policy';
import { localIsoString } from '../lib/local-time';
import { readLimitedText } from '../lib/read-limited';
import { reportEvent } from './report-event';

/**
 * A workbook is read through its ZIP directory, which needs the whole file as a Blob (the browser keeps a
 * large one on disk, not in this worker's memory); above this size it is reported with its size only.
 */
const MEASURE_WORKBOOK_BYTES = 512 * 1024 * 1024;

/**
 * A finished download whose page or URL belongs to a CRM is a bulk export. Listening for completion
 * (not creation) gives the final file name and size; the item is read back from the downloads API, so
 * nothing has to survive in service-worker memory between the two.
 */
export function listenForExports(): void {
  browser.downloads.onChanged.addListener((delta) => {
    if (delta.state?.current !== 'complete') return;
    void reportExport(delta.id).catch((error) => console.error('[crm-guard] export detector', error));
  });
}

async function reportExport(downloadId: number): Promise<void> {
  const [item] = await browser.downloads.search({ id: downloadId });
  if (!item) return;
  const policy = await cachedPolicy();
  const source = [item.referrer, item.url, item.finalUrl].find((u) => siteFor(u, policy.crmSites)) ?? (await dataUrlSource(item));
  const crm = siteFor(source, policy.crmSites);
  if (!crm || !source) return;

  const url = item.finalUrl || item.url;
  const route = url.startsWith('blob:') ? 'blob' : url.startsWith('data:') ? 'data' : 'download';
  const savedName = baseName(item.filename) || baseName(new URL(url).pathname);
  // The saved name may say nothing (a temporary or automation-given name) while the export URL does
  // (`/export/contacts.xlsx`); browsers also report sniffed binaries as application/octet-stream.
  const urlName = route === 'download' ? baseName(new URL(url).pathname) : '';
  const format = [exportFormat(savedName, item.mime), exportFormat(urlName)].find((f) => f !== 'other') ?? 'other';
  const measured = isMeasurable(format)
    ? await measureExport(url, route, format, item).catch((error) => void console.warn('[crm-guard] could not measure export', url, error))
    : undefined;
  const shape = measured?.shape;
  // The name the CRM gave the file says what it is; the saved name may carry a " (1)" or a temporary name.
  const fileName = measured?.suggestedName ?? savedName;
  const origin = new URL(source.startsWith('blob:') ? source.slice(5) : source).origin;
  await reportEvent({
    type: 'crm.export',
    // When the download started, not when it was measured.
    occurredAt: localIsoString(new Date(item.startTime)),
    origin,
    crm: crm.id,
    route,
    fileName,
    format,
    sizeBytes: item.fileSize >= 0 ? item.fileSize : undefined,
    ...(shape && { rows: shape.rows, columns: shape.columns, emailCount: shape.emailCount }),
    ...(await fingerprintContacts(shape?.emails ?? [], policy.fingerprintSalt)),
  });
}

/** Counts rows and contacts when the content is reachable: data: URLs directly, blob: URLs through the tab that made them, GETs again. */
async function measureExport(url: string, route: string, format: ExportFormat, item: Browser.downloads.DownloadItem): Promise<Measured | undefined> {
  if (route === 'blob') {
    const shape = await readBlobInTab(url, format);
    return shape && { shape };
  }
  if (route === 'download' && item.mime?.startsWith('text/html')) return undefined;
  // Export links are GETs (a vendor's "Export" button or report URL), so fetching again reads the same file.
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) return undefined;
  const suggestedName = contentDispositionName(response.headers.get('content-disposition'));
  if (format === 'xlsx') {
    const length = Number(response.headers.get('content-length') ?? item.fileSize);
    if (length > MEASURE_WORKBOOK_BYTES) {
      await response.body?.cancel();
      return { suggestedName };
    }
    return { shape: await measureBlob(await response.blob(), format).catch((error) => unreadable(url, error)), suggestedName };
  }
  return { shape: measureText((await readLimitedText(response, MEASURE_TEXT_BYTES)).text, format), suggestedName };
}

/** A file that claims a format it does not have (a corrupt workbook) is still an export: reported with its name and size. */
function unreadable(url: string, error: unknown): undefined {
  console.warn('[crm-guard] could not read the export', url.slice(0, 200), error);
  return undefined;
}

interface Measured {
  shape?: FileShape;
  suggestedName?: string;
}

/**
 * A `data:` download made by page script carries no referrer and no origin of its own; it comes from the
 * tab the employee just clicked in, so the active tab's page is taken as its source.
 */
async function dataUrlSource(item: Browser.downloads.DownloadItem): Promise<string | undefined> {
  if (!item.url.startsWith('data:') || item.referrer) return undefined;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url;
}

async function readBlobInTab(url: string, format: ExportFormat): Promise<BlobShape | undefined> {
  const origin = new URL(url.slice(5)).origin;
  const tabs = await browser.tabs.query({ url: `${origin}/*` });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const reply = (await browser.tabs.sendMessage(tab.id, { kind: 'read-blob', url, format } satisfies BackgroundToContent).catch(() => undefined)) as Reply<unknown> | undefined;
    if (reply?.ok) {
      const shape = BlobShape.safeParse(reply.data);
      if (shape.success) return shape.data;
    }
  }
  return undefined;
}
