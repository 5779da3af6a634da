import { browser } from 'wxt/browser';
import type { ContentToBackground, Reply } from './messaging';

/** Fire-and-forget from a content script; a failure is logged once, the page is never disturbed. */
export function sendToBackground(message: ContentToBackground): void {
  browser.runtime.sendMessage(message).catch((error: unknown) => console.warn('[crm-guard] could not report', error));
}

/** The background's answer, or undefined (logged) when it could not be reached. */
export async function askBackground<T>(message: ContentToBackground): Promise<T | undefined> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    if (reply?.ok) return reply.data;
    console.warn('[crm-guard] the background refused a report', reply && !reply.ok ? reply.error : 'no reply');
  } catch (error) {
    console.warn('[crm-guard] could not report', error);
  }
  return undefined;
}
