import { countContacts } from '../lib/classify/contacts';
import { selectedText } from '../lib/selection-text';
import { sendToBackground } from '../lib/send-to-background';

/**
 * ContactCopyDetector: a copy or cut on a CRM page that holds contacts is reported with its counts.
 * Registered in the capture phase at document_start so the vendor's own handlers (or re-renders) cannot
 * hide it; the threshold is applied in the background, which owns the policy.
 */
export function initCopyDetector(signal: AbortSignal): void {
  for (const action of ['copy', 'cut'] as const) {
    document.addEventListener(action, (event) => {
      const text = event.clipboardData?.getData('text/plain') || selectedText(document);
      if (!text) return;
      const { emails, ...counts } = countContacts(text);
      if (counts.emailCount + counts.phoneCount === 0) return;
      sendToBackground({ kind: 'crm.copy', action, ...counts, emails });
    }, { capture: true, signal });
  }
}

// Tested on: test/fixtures Salesforce Lightning contact list (table selection, Ctrl+C).
