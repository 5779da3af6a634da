import type { PrintTrigger } from '../../shared/events';
import { sendToBackground } from '../lib/send-to-background';

/** One print sets off the shortcut, `beforeprint` and the print media change together: they are one print. */
const SAME_PRINT_MS = 3000;

/**
 * PrintDetector: printing a CRM view, or saving it as PDF (the same dialog). `beforeprint` covers the
 * menu, Ctrl+P and `window.print()`; Ctrl/⌘+P is also caught as a key press, because a vendor may cancel
 * it and print its own way; the `print` media query covers print emulation and engines without
 * `beforeprint`. Capture phase on window, from document_start, so page handlers and re-renders cannot hide it.
 */
export function initPrintDetector(signal: AbortSignal): void {
  let lastPrint = -Infinity;
  const report = (trigger: PrintTrigger) => {
    const now = Date.now();
    if (now - lastPrint < SAME_PRINT_MS) return;
    lastPrint = now;
    sendToBackground({ kind: 'crm.print', trigger });
  };
  // `beforeprint` is fired by the browser itself; a page cannot dispatch a trusted one.
  window.addEventListener('beforeprint', (event) => {
    if (event.isTrusted) report('print_dialog');
  }, { capture: true, signal });
  window.addEventListener('keydown', (event) => {
    if (event.isTrusted && (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'p') report('print_shortcut');
  }, { capture: true, signal });
  const media = window.matchMedia('print');
  media.addEventListener('change', () => {
    if (media.matches) report('print_media');
  }, { signal });
}

// Tested on: test/fixtures/crm pages (Ctrl+P, window.print(), print media emulation).
