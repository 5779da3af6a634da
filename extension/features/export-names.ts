import { browser } from 'wxt/browser';
import { contentDispositionName } from '../lib/classify/export-format';

/** Names are kept this long: a download of many gigabytes may take a while to complete. */
const KEEP_MS = 6 * 60 * 60 * 1000;
const KEEP_COUNT = 200;
const NAMES_KEY = 'exportNames';

type Names = Record<string, { name: string; at: number }>;

/** One read-modify-write at a time: two responses at once must not drop each other's name. */
let writing: Promise<void> = Promise.resolve();

/**
 * The name a server gave its export (`Content-Disposition`), seen as the browser received the response:
 * observed with webRequest, never requested again. The saved name can say nothing (an automation's
 * temporary name, a " (1)" suffix), and the export is reported under the server's name instead. Kept in
 * session storage, since the worker may stop between the response and the download's completion.
 */
export function listenForExportNames(): void {
  browser.webRequest.onHeadersReceived.addListener((details) => {
    const header = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-disposition')?.value;
    const name = contentDispositionName(header ?? null);
    if (name) writing = writing.then(() => remember(details.url, name)).catch((error) => console.warn('[crm-guard] could not keep an export name', error));
    return undefined;
  }, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame', 'other', 'xmlhttprequest'] }, ['responseHeaders']);
}

async function remember(url: string, name: string) {
  const names = await read();
  names[url] = { name, at: Date.now() };
  const kept = Object.entries(names).filter(([, v]) => Date.now() - v.at < KEEP_MS).sort((a, b) => b[1].at - a[1].at).slice(0, KEEP_COUNT);
  await browser.storage.session.set({ [NAMES_KEY]: Object.fromEntries(kept) });
}

/** The server's name for the export at `url`, if its response carried one. */
export async function exportNameOf(...urls: string[]): Promise<string | undefined> {
  const names = await read();
  return urls.map((u) => names[u]?.name).find((n) => n !== undefined);
}

async function read(): Promise<Names> {
  return ((await browser.storage.session.get(NAMES_KEY))[NAMES_KEY] ?? {}) as Names;
}
