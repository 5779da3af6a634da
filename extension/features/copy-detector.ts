import { countContacts, htmlToText } from '../lib/classify/contacts';
import { selectedText } from '../lib/selection-text';
import { sendToBackground } from '../lib/send-to-background';
import type { PageChannel } from './page-channel';

/**
 * A selection is classified up to this length (~160k contacts); `charCount` still reports all of it. A
 * 50 MB select-all on a hostile page costs one bounded scan, and the message stays under its limits.
 */
const CLASSIFY_CHARS = 16 * 1024 * 1024;
/** At most this many addresses go to the background (it samples fingerprints above 4,096 anyway). */
const MAX_EMAILS = 100_000;
/**
 * How long after a copy the page's own clipboard writes may still arrive over the channel: they are made
 * during the event and posted at once, so they are in the queue well before this.
 */
const PAGE_WRITES_MS = 150;

/**
 * ContactCopyDetector: a copy or cut on a CRM page that holds contacts is reported with its counts.
 * Registered on the window in the capture phase at document_start, before any page script, so it is the
 * first listener the event reaches: a page's own `stopImmediatePropagation` (in any phase) comes too late;
 * the threshold is applied in the background, which owns the policy. Runs in every frame of a
 * CRM page (report viewers, Bitrix24's side slider) and reads open shadow roots (Lightning lists).
 * When the page's own handler cancels the copy and writes the clipboard itself (grid libraries), what it
 * wrote is measured instead of the selection (features/clipboard-capture.ts).
 */
export function initCopyDetector(signal: AbortSignal, channel: PageChannel): void {
  // Whether the selection comes from select-all: set by Ctrl/⌘+A, cleared by the mouse or other keys.
  let selectAll = false;
  window.addEventListener('keydown', (event) => {
    if (!event.isTrusted) return;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && key === 'a') selectAll = true;
    else if (!['control', 'meta', 'shift', 'alt', 'c', 'x', 'insert'].includes(key)) selectAll = false;
  }, { capture: true, signal });
  window.addEventListener('mousedown', (event) => {
    if (event.isTrusted) selectAll = false;
  }, { capture: true, signal });

  // Copies in flight, by their event's timeStamp (the key the page world's messages carry): a grid's own
  // execCommand('copy') and the browser's copy can follow each other before the first one's writes arrive.
  const pending = new Map<number, { action: 'copy' | 'cut'; event: Event; selection: string; written: Map<string, string> }>();
  const finish = (copy: number) => {
    const entry = pending.get(copy);
    if (!entry) return;
    pending.delete(copy);
    const { action, event, selection, written } = entry;
    const pageText = written.get('text/plain') || written.get('text') || htmlToText(written.get('text/html') ?? '');
    // A cancelled copy puts on the clipboard only what the page wrote; otherwise the browser copies the selection.
    report(action, event.defaultPrevented && pageText ? pageText : selection);
  };
  channel.on('clipboard-written', ({ copy, format, data }) => pending.get(copy)?.written.set(format, data));
  for (const action of ['copy', 'cut'] as const) {
    window.addEventListener(action, (event) => {
      // Only the employee's own copy counts: page script can dispatch a `copy` (even a ClipboardEvent
      // carrying its own data) but cannot make it trusted, and such an event moves nothing to the clipboard.
      if (!event.isTrusted) return;
      pending.set(event.timeStamp, { action, event, selection: selectedText(document, { selectAll }), written: new Map() });
      setTimeout(() => finish(event.timeStamp), PAGE_WRITES_MS);
    }, { capture: true, signal });
  }
}

function report(action: 'copy' | 'cut', text: string): void {
  if (!text) return;
  const { emails, ...counts } = countContacts(text.length > CLASSIFY_CHARS ? text.slice(0, CLASSIFY_CHARS) : text);
  if (counts.emailCount + counts.phoneCount === 0) return;
  sendToBackground({ kind: 'crm.copy', action, ...counts, charCount: text.length, emails: emails.slice(0, MAX_EMAILS) });
}

// Tested on: test/fixtures Salesforce Lightning contact list (table selection, Ctrl+C), every CRM fixture in
// test/fixtures/crm/ (select-all, an iframe slider, a shadow-root datatable, a re-rendered body), and a
// Tabulator grid that writes its own clipboard (test/fixtures/crm/grid.ts).
