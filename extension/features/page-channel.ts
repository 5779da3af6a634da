import { PAGE_CHANNEL_MARKER, PageWorldMessage } from '../lib/page-channel';

type Kind = PageWorldMessage['kind'];
type Handler<K extends Kind> = (message: Extract<PageWorldMessage, { kind: K }>) => void;

export interface PageChannel {
  on<K extends Kind>(kind: K, handler: Handler<K>): void;
}

/**
 * The isolated world's end of the private channel (lib/page-channel.ts). Must be called at document_start
 * in the same task as the other detectors, so its window listener comes before any the page adds. Any
 * further offer of a port, or a malformed message on the port, is page script at work: `onTamper` hears it.
 */
export function receivePageChannel(signal: AbortSignal, onTamper: (detail: string) => void): PageChannel {
  const handlers = new Map<Kind, ((message: PageWorldMessage) => void)[]>();
  let port: MessagePort | undefined;
  let reportedOffers = 0;
  window.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || !(PAGE_CHANNEL_MARKER in data)) return;
    // Ours to read; the page never sees it.
    event.stopImmediatePropagation();
    if (!port && event.source === window && event.ports.length === 1) {
      port = event.ports[0]!;
      port.onmessage = (message) => deliver(message.data);
      return;
    }
    // One signal per page is enough to show the attempt; a loop of offers must not flood the queue.
    if (reportedOffers++ === 0) onTamper(port ? 'a second channel was offered after the first' : 'a channel was offered by another window');
  }, { capture: true, signal });
  signal.addEventListener('abort', () => port?.close());

  let reportedMalformed = false;
  function deliver(data: unknown) {
    const parsed = PageWorldMessage.safeParse(data);
    if (!parsed.success) {
      if (!reportedMalformed) onTamper('a malformed message arrived on the channel');
      reportedMalformed = true;
      return;
    }
    for (const handler of handlers.get(parsed.data.kind) ?? []) handler(parsed.data);
  }

  return {
    on(kind, handler) {
      // Delivered only messages of its kind (`deliver` looks handlers up by kind).
      handlers.set(kind, [...(handlers.get(kind) ?? []), handler as unknown as (message: PageWorldMessage) => void]);
    },
  };
}
