import { browser } from 'wxt/browser';
import type { ContentToBackground } from './messaging';

/** Fire-and-forget from a content script; a failure is logged once, the page is never disturbed. */
export function sendToBackground(message: ContentToBackground): void {
  browser.runtime.sendMessage(message).catch((error: unknown) => console.warn('[crm-guard] could not report', error));
}
