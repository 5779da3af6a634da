import { PAGE_CHANNEL_MARKER, type PageWorldMessage } from '../lib/page-channel';

export type SendToExtension = (message: PageWorldMessage) => void;

/**
 * Runs in the page's world at document_start: opens the private channel (lib/page-channel.ts) and returns
 * how to speak on it. The functions it uses are taken now, before page script could replace them.
 */
export function openPageChannel(): SendToExtension {
  const apply = Reflect.apply;
  const postMessage = MessagePort.prototype.postMessage;
  const channel = new MessageChannel();
  const ours = channel.port1;
  window.postMessage({ [PAGE_CHANNEL_MARKER]: true }, location.origin === 'null' ? '*' : location.origin, [channel.port2]);
  return (message) => {
    try {
      apply(postMessage, ours, [message]);
    } catch {
      // Never break the page because a measurement could not be handed over.
    }
  };
}
