import { countContacts } from '../lib/classify/contacts';
import { selectedText } from '../lib/selection-text';
import { sendToBackground } from '../lib/send-to-background';

/**
 * A selection is classified up to this length (~160k contacts); `charCount` still reports all of it. A
 * 50 MB select-all on a hostile page costs one bounded scan, and the message stays under its limits.
 */
const CLASSIFY_CHARS = 16 * 1024 * 1024;
/** At most this many addresses go to the background (it samples fingerprints above 4,096 anyway). */
const MAX_EMAILS = 100_000;

/**
 * ContactCopyDetector: a copy or cut on a CRM page that holds contacts is reported with its counts.
 * Registered on the window in the capture phase at document_start, before any page script, so it is the
 * first listener the event reaches: a page's own `stopImmediatePropagation` (in any phase) comes too late; the threshold is applied in the background, which owns the policy. Runs in every frame of a
 * CRM page (report viewers, Bitrix24's side slider) and reads open shadow roots (Lightning lists).
 */
export function initCopyDetector(signal: AbortSignal): void {
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
  for (const action of ['copy', 'cut'] as const) {
    window.addEventListener(action, (event) => {
      // Only the employee's own copy counts: page script can dispatch a `copy` (even a ClipboardEvent
      // carrying its own data) but cannot make it trusted, and such an event moves nothing to the clipboard.
      if (!event.isTrusted) return;
      const text = event.clipboardData?.getData('text/plain') || selectedText(document, { selectAll });
      if (!text) return;
      const { emails, ...counts } = countContacts(text.length > CLASSIFY_CHARS ? text.slice(0, CLASSIFY_CHARS) : text);
      if (counts.emailCount + counts.phoneCount === 0) return;
      sendToBackground({ kind: 'crm.copy', action, ...counts, charCount: text.length, emails: emails.slice(0, MAX_EMAILS) });
    }, { capture: true, signal });
  }
}

// Tested on: test/fixtures Salesforce Lightning contact list (table selection, Ctrl+C), and every CRM
// fixture in test/fixtures/crm/ (select-all, an iframe slider, a shadow-root datatable, a re-rendered body).
