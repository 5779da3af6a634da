import { defineContentScript } from 'wxt/utils/define-content-script';
import { initBlobReader } from '../features/blob-reader';
import { initCopyDetector } from '../features/copy-detector';
import { reportTamper, startDetectors } from '../features/detector-manager';
import { receivePageChannel } from '../features/page-channel';
import { initPrintDetector } from '../features/print-detector';
import { initListViewFingerprints } from '../features/list-view-fingerprints';
import { initRecordReasonPrompt } from '../features/record-reason-prompt';
import { firstRunInFrame } from '../lib/run-once';

// Registered at run time for the policy's CRM origins (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    if (!firstRunInFrame('crm', ctx)) return;
    const channel = receivePageChannel(ctx.signal, (detail) => reportTamper('channel_tampering', detail));
    startDetectors({
      copy: () => initCopyDetector(ctx.signal, channel),
      'blob export': () => initBlobReader(ctx.signal, channel),
      print: () => initPrintDetector(ctx.signal),
      'list view': () => initListViewFingerprints(ctx.signal),
      'record reason': () => initRecordReasonPrompt(ctx.signal),
    });
  },
});
