import { browser, type Browser } from 'wxt/browser';
import { BlobShape, type BackgroundToContent, type Reply } from '../lib/messaging';
import { baseName, contentDispositionName, exportFormat, isDelimitedText } from '../lib/classify/export-format';
import { measureTable, type TableShape } from '../lib/classify/table';
import { fingerprintContacts } from '../lib/fingerprint';
import { siteFor } from '../lib/match-pattern';
import { cachedPolicy } from '../lib/policy';
import { localIsoString } from '../lib/local-time';
import { readLimitedText } from '../lib/read-limited';
import { reportEvent } from './report-event';

/** Exports larger than this are reported with their size but only this much of them is measured. */
const MEASURE_BYTES = 32 * 1024 * 1024;

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
  const source = [item.referrer, item.url, item.finalUrl].find((u) => siteFor(u, policy.crmSites));
  const crm = siteFor(source, policy.crmSites);
  if (!crm || !source) return;

  const url = item.finalUrl || item.url;
  const route = url.startsWith('blob:') ? 'blob' : url.startsWith('data:') ? 'data' : 'download';
  const savedName = baseName(item.filename) || baseName(new URL(url).pathname);
  const format = exportFormat(savedName, item.mime);
  const measured = isDelimitedText(format)
    ? await measureExport(url, route, item).catch((error) => void console.warn('[crm-guard] could not measure export', url, error))
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
async function measureExport(url: string, route: string, item: Browser.downloads.DownloadItem): Promise<Measured | undefined> {
  if (route === 'blob') {
    const shape = await readBlobInTab(url);
    return shape && { shape };
  }
  if (route === 'download' && item.mime?.startsWith('text/html')) return undefined;
  // Export links are GETs (a vendor's "Export" button or report URL), so fetching again reads the same file.
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) return undefined;
  const shape = measureTable((await readLimitedText(response, MEASURE_BYTES)).text);
  return { shape, suggestedName: contentDispositionName(response.headers.get('content-disposition')) };
}

interface Measured {
  shape: Pick<TableShape, 'rows' | 'columns' | 'emailCount' | 'emails'>;
  suggestedName?: string;
}

async function readBlobInTab(url: string): Promise<BlobShape | undefined> {
  const origin = new URL(url.slice(5)).origin;
  const tabs = await browser.tabs.query({ url: `${origin}/*` });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const reply = (await browser.tabs.sendMessage(tab.id, { kind: 'read-blob', url } satisfies BackgroundToContent).catch(() => undefined)) as Reply<unknown> | undefined;
    if (reply?.ok) {
      const shape = BlobShape.safeParse(reply.data);
      if (shape.success) return shape.data;
    }
  }
  return undefined;
}
