/**
 * Runs in the page's own JavaScript world (MAIN), at document_start, before any page script. It wraps
 * `URL.createObjectURL` so every Blob a CRM page turns into a URL is handed to the extension's isolated
 * world at the moment it is created: a page that builds an export in script and revokes its URL right
 * after the click is still measured. The functions it relies on are captured now, so a page that later
 * replaces `createObjectURL`, `dispatchEvent` or `addEventListener` cannot blind it (it can only wrap it).
 * No extension API exists in this world; the page could see the event, but only with its own Blob.
 */
export const BLOB_CREATED_EVENT = 'crm-guard:blob-created';

const INSTALLED = Symbol.for('crm-guard:blob-capture');

export function installBlobCapture(): void {
  // Tabs open before registration get the script injected; a second copy would report each Blob twice.
  const slot = URL as unknown as Record<symbol, boolean>;
  if (slot[INSTALLED]) return;
  Object.defineProperty(URL, INSTALLED, { value: true });
  const pristineCreateObjectURL = URL.createObjectURL;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const PristineCustomEvent = CustomEvent;
  const PristineBlob = Blob;
  const apply = Reflect.apply;
  // Named like the original, so the page sees `createObjectURL` in stacks and `.name`.
  const capturing = function createObjectURL(this: unknown, object: Blob | MediaSource): string {
    const url = apply(pristineCreateObjectURL, URL, [object]) as string;
    try {
      if (object instanceof PristineBlob) {
        apply(dispatchEvent, document, [new PristineCustomEvent(BLOB_CREATED_EVENT, { detail: { url, blob: object } })]);
      }
    } catch {
      // Never break the page's own export because we could not note it.
    }
    return url;
  };
  Object.defineProperty(URL, 'createObjectURL', { value: capturing, writable: true, configurable: true, enumerable: true });
}
