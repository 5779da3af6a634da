import { browser } from 'wxt/browser';
import type { ContentToBackground, Reply } from './messaging';

/** Waits between attempts: the worker may be stopping or starting; about a minute in all. */
const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * Fire-and-forget from a content script; the page is never disturbed. The message carries the event's id,
 * made here, and is resent until the background answers that it queued it: a worker stopped mid-message
 * (idle timeout, update, crash) loses nothing, and a message handled twice is still queued once.
 */
export function sendToBackground(message: ContentToBackground): void {
  void deliver({ ...message, eventId: uuidV4() });
}

async function deliver(message: ContentToBackground & { eventId: string }) {
  let lastError: unknown;
  for (const delay of [0, ...RETRY_DELAYS_MS]) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const reply = (await browser.runtime.sendMessage(message)) as Reply<unknown> | undefined;
      if (reply?.ok) return;
      lastError = reply ? reply.error : 'no answer';
    } catch (error) {
      lastError = error;
      // The extension was reloaded or removed: this script is orphaned and nothing will ever answer.
      if (!browser.runtime?.id) break;
    }
  }
  console.warn('[crm-guard] could not report', lastError);
}

/** A random RFC 4122 v4 UUID; `crypto.randomUUID` exists only in secure contexts, and some CRMs are served over http. */
export function uuidV4(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
