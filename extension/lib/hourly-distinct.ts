import { browser } from 'wxt/browser';

const KEY = 'distinctThisHour';
const HOUR = 60 * 60 * 1000;

interface Hour {
  /** Start of the clock hour, ms since epoch. */
  start: number;
  seen: string[];
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Notes that `key` (a record hash) was seen now, among the keys of `scope` (record views, printable views). `first` is true the first time in this clock hour, so a
 * record opened again and again is reported once an hour, and `distinct` counts the hour's keys so far.
 * Kept in `storage.session`: it survives the service worker stopping, not a browser restart. Calls run one
 * after another, so two navigations at once cannot both be "first".
 */
export function noteDistinctThisHour(scope: string, key: string, now = Date.now()): Promise<{ first: boolean; distinct: number }> {
  const next = queue.then(async () => {
    const start = now - (now % HOUR);
    const stored = (await browser.storage.session.get(`${KEY}:${scope}`))[`${KEY}:${scope}`] as Hour | undefined;
    const hour = stored && stored.start === start ? stored : { start, seen: [] };
    if (hour.seen.includes(key)) return { first: false, distinct: hour.seen.length };
    hour.seen.push(key);
    await browser.storage.session.set({ [`${KEY}:${scope}`]: hour });
    return { first: true, distinct: hour.seen.length };
  });
  queue = next.catch(() => undefined);
  return next;
}
