import { browser, type Browser } from 'wxt/browser';
import { baseName, exportFormat } from '../lib/classify/export-format';
import { isMeasurable } from '../lib/classify/file-shape';
import { fingerprintUnderPolicy } from '../lib/fingerprint';
import { siteFor } from '../lib/match-pattern';
import { cachedPolicy } from '../lib/policy';
import { localIsoString } from '../lib/local-time';
import { exportNameOf } from './export-names';
import { measureExport, type Measurement } from './export-measurement';
import { reportEvent } from './report-event';

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
  // The name the server gave the file says what it is; the saved name may carry a " (1)" or a temporary
  // name, and browsers report sniffed binaries as application/octet-stream.
  const serverName = route === 'download' ? await exportNameOf(url, item.url) : undefined;
  const urlName = route === 'download' ? baseName(new URL(url).pathname) : '';
  const format = [exportFormat(serverName ?? savedName, item.mime), exportFormat(savedName, item.mime), exportFormat(urlName)].find((f) => f !== 'other') ?? 'other';
  const measured: Measurement = isMeasurable(format)
    ? await measureExport(url, route, format, item, policy.exportReRequest).catch((error: unknown) => ({ measuredBy: 'unmeasured', unmeasuredReason: String(error).slice(0, 200) }))
    : { measuredBy: 'unmeasured', unmeasuredReason: `${format} files are not read` };
  const shape = measured.shape;
  const origin = new URL(source.startsWith('blob:') ? source.slice(5) : source).origin;
  if (measured.unmeasuredReason) console.warn('[crm-guard] export not measured:', measured.unmeasuredReason);
  const exported = await reportEvent({
    type: 'crm.export',
    // When the download started, not when it was measured.
    occurredAt: localIsoString(new Date(item.startTime)),
    origin,
    crm: crm.id,
    route,
    fileName: serverName ?? measured.suggestedName ?? savedName,
    format,
    sizeBytes: item.fileSize >= 0 ? item.fileSize : undefined,
    ...(shape && { rows: shape.rows, columns: shape.columns, emailCount: shape.emailCount }),
    measuredBy: measured.measuredBy,
    ...(measured.unmeasuredReason && { unmeasuredReason: measured.unmeasuredReason.slice(0, 200) }),
    ...(await fingerprintUnderPolicy(shape?.emails ?? [], policy)),
  });
  if (measured.mismatch) {
    await reportEvent({ type: 'agent.tamper', origin, crm: crm.id, signal: 'measurement_mismatch', detail: `export ${exported?.id ?? ''}: ${measured.mismatch}` });
  }
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
