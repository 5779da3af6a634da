import { defineContentScript } from 'wxt/utils/define-content-script';
import { installBlobCapture } from '../features/blob-capture';
import { captureClipboardWrites } from '../features/clipboard-capture';
import { openPageChannel } from '../features/page-channel-main';
import { firstRunInPageWorld } from '../lib/run-once';

// The page's own world, before its scripts: registered at run time with the CRM script (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    if (!firstRunInPageWorld('crm-main')) return;
    const send = openPageChannel();
    installBlobCapture(send);
    captureClipboardWrites(send);
  },
});
