import type { SendToExtension } from './page-channel-main';

/**
 * Runs in the page's own world (MAIN) at document_start. Grid libraries (Tabulator, AG Grid, Handsontable)
 * answer Ctrl+C with their own `copy` handler: they cancel the browser's copy and write their rows with
 * `clipboardData.setData`. That happens after the extension's capture listener has run, and the data can
 * no longer be read once the event is over, so what the page writes is passed on over the private channel
 * as it is written. Only writes into the clipboard of a trusted copy or cut count: a DataTransfer the page
 * made itself, or one of an event it dispatched, never reaches the clipboard.
 */
export function captureClipboardWrites(send: SendToExtension): void {
  const apply = Reflect.apply;
  const pristineSetData = DataTransfer.prototype.setData;
  const getData = DataTransfer.prototype.getData;
  const addEventListener = EventTarget.prototype.addEventListener;
  let current: { data: DataTransfer | null; copy: number } = { data: null, copy: -1 };
  for (const type of ['copy', 'cut']) {
    apply(addEventListener, window, [type, (event: ClipboardEvent) => {
      if (event.isTrusted) current = { data: event.clipboardData, copy: event.timeStamp };
    }, true]);
  }
  const capturing = function setData(this: DataTransfer, format: string, data: string): void {
    apply(pristineSetData, this, [format, data]);
    // Once the event is over the DataTransfer ignores writes; only what it took counts.
    if (this !== current.data || apply(getData, this, [format]) !== String(data)) return;
    send({ kind: 'clipboard-written', copy: current.copy, format: String(format).toLowerCase(), data: String(data) });
  };
  Object.defineProperty(DataTransfer.prototype, 'setData', { value: capturing, writable: true, configurable: true, enumerable: true });
}
