import type { SendToExtension } from './page-channel-main';

/**
 * Runs in the page's own JavaScript world (MAIN), at document_start, before any page script. It wraps
 * `URL.createObjectURL` so every Blob a CRM page turns into a URL is handed to the extension's isolated
 * world at the moment it is created, over the private channel (lib/page-channel.ts): a page that builds an
 * export in script and revokes its URL right after the click is still measured, and a page cannot announce
 * a Blob of its own choosing under that URL. The functions it relies on are captured now, so a page that
 * later replaces `createObjectURL` cannot blind it (it can only wrap it).
 */
export function installBlobCapture(send: SendToExtension): void {
  const pristineCreateObjectURL = URL.createObjectURL;
  const PristineBlob = Blob;
  const apply = Reflect.apply;
  // Named like the original, so the page sees `createObjectURL` in stacks and `.name`.
  const capturing = function createObjectURL(this: unknown, object: Blob | MediaSource): string {
    const url = apply(pristineCreateObjectURL, URL, [object]) as string;
    if (object instanceof PristineBlob) send({ kind: 'blob-created', url, blob: object });
    return url;
  };
  Object.defineProperty(URL, 'createObjectURL', { value: capturing, writable: true, configurable: true, enumerable: true });
}
