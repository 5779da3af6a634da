import type { BrowserContext, Page, Worker } from 'playwright-core';
import { eventually } from './product';

/** The extension's service worker as it runs now: after a stop, a wake-up is a new worker. */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return eventually(async () => context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')), 30_000, 'the service worker');
}

/** Events waiting in the service worker's IndexedDB queue, read straight from IndexedDB. */
export async function queueDepth(context: BrowserContext): Promise<number> {
  return (await queuedTypes(context)).length;
}

/** The types of the events waiting in the queue, oldest first. */
export async function queuedTypes(context: BrowserContext): Promise<string[]> {
  return eventually(async () => (await currentWorker(context)).evaluate(() => new Promise<string[]>((resolve, reject) => {
    const open = indexedDB.open('crm-guard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('events').objectStore('events').getAll();
      all.onsuccess = () => { resolve(all.result.map((queued: { event: { type: string } }) => queued.event.type)); open.result.close(); };
      all.onerror = () => reject(all.error);
    };
  })), 30_000, 'the queued events');
}

/** Stops every service worker as Chromium does after 30 s idle (DevTools' "stop"), through CDP; resolves once the extension's has stopped. */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    let stopping = false;
    const stopped = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error('the service worker did not stop')), 10_000);
      session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (stopping && versions.some((v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'stopped')) resolve();
      });
    });
    await session.send('ServiceWorker.enable');
    stopping = true;
    await session.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await session.detach();
  }
}

/**
 * Presses Ctrl+C `count` times on the page's selection through CDP, a few presses in flight at once:
 * trusted key events, so the copy goes through the real detector and message path, at some hundred per second.
 */
export async function pressCopies(page: Page, count: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const key = { key: 'c', code: 'KeyC', windowsVirtualKeyCode: 67, modifiers: 2 };
  try {
    let inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      inFlight.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: '' }), session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
      if (inFlight.length >= 40) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
  } finally {
    await session.detach();
  }
}
