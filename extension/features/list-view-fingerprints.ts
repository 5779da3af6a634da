import { countContacts } from '../lib/classify/contacts';
import { sendToBackground } from '../lib/send-to-background';

/** A list view re-renders as it scrolls and sorts; look again at most this often. */
const MIN_INTERVAL_MS = 15_000;
/** Let a render settle before reading it. */
const SETTLE_MS = 1_500;
/** Where CRMs show lists: tables and ARIA grids (Lightning datatables, HubSpot and Dynamics grids). */
const LISTS = 'table, [role="grid"], [role="treegrid"], [role="table"]';
/** A page showing more than this many addresses is read no further: its fingerprints are sampled anyway. */
const MAX_TEXT = 4 * 1024 * 1024;

/**
 * ListViewFingerprints: the contacts a CRM list view shows on screen, sent as salted fingerprints so a
 * later upload of a retyped, re-saved or edited file can be traced to them (lineage), even without an
 * export or a copy. Throttled, and each address is sent once per page; the background applies the
 * threshold and fingerprints.
 */
export function initListViewFingerprints(signal: AbortSignal): void {
  const sent = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = 0;

  const scan = () => {
    timer = undefined;
    lastRun = Date.now();
    const fresh = visibleAddresses().filter((e) => !sent.has(e));
    if (fresh.length === 0) return;
    for (const e of fresh) sent.add(e);
    sendToBackground({ kind: 'crm.list_view', emails: fresh });
  };
  const schedule = () => {
    if (timer !== undefined || signal.aborted) return;
    timer = setTimeout(scan, Math.max(SETTLE_MS, lastRun + MIN_INTERVAL_MS - Date.now()));
  };

  const observer = new MutationObserver(schedule);
  const start = () => {
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    schedule();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true, signal });
  else start();
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}

/** Addresses in the rendered text of the page's lists: `innerText` leaves out what is hidden. */
function visibleAddresses(): string[] {
  let text = '';
  for (const list of Array.from(document.querySelectorAll<HTMLElement>(LISTS))) {
    // Nested tables are read with their outermost one.
    if (list.parentElement?.closest(LISTS)) continue;
    text += `${list.innerText}\n`;
    if (text.length > MAX_TEXT) break;
  }
  return text ? countContacts(text).emails : [];
}

// Tested on: test/fixtures Salesforce Lightning contact list (60 contacts in a table).
