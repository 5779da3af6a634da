import { browser } from 'wxt/browser';

const KEY = 'recordOpens';
const HOUR = 60 * 60 * 1000;
/** Longer than any limit's period (shared/record-view-limit.ts allows a year): older opens are forgotten. */
const KEEP_MS = 367 * 24 * HOUR;

type Opens = Record<string, number[]>;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Notes that the record `key` (CRM id and record hash) was opened now and returns how many times it was
 * opened within the last `periodHours`, this time included. Kept in `storage.local`, since a period may be
 * days long and must survive a browser restart. Calls run one after another, so two navigations at once
 * both count.
 */
export function noteRecordOpen(key: string, periodHours: number, now = Date.now()): Promise<number> {
  const next = queue.then(async () => {
    const opens = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Opens;
    for (const [k, times] of Object.entries(opens)) {
      const kept = times.filter((t) => t > now - KEEP_MS);
      if (kept.length) opens[k] = kept;
      else delete opens[k];
    }
    const times = [...(opens[key] ?? []), now];
    opens[key] = times;
    await browser.storage.local.set({ [KEY]: opens });
    const since = now - periodHours * HOUR;
    return times.filter((t) => t > since).length;
  });
  queue = next.catch(() => undefined);
  return next;
}
