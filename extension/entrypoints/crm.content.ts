import { defineContentScript } from 'wxt/utils/define-content-script';
import { initBlobReader } from '../features/blob-reader';
import { initCopyDetector } from '../features/copy-detector';
import { initPrintDetector } from '../features/print-detector';
import { initListViewFingerprints } from '../features/list-view-fingerprints';
import { initRecordReasonPrompt } from '../features/record-reason-prompt';
import { firstRunInFrame } from '../lib/run-once';

// Registered at run time for the policy's CRM origins (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    if (!firstRunInFrame('crm', ctx)) return;
    initCopyDetector(ctx.signal);
    initBlobReader(ctx.signal);
    initPrintDetector(ctx.signal);
    initListViewFingerprints(ctx.signal);
    initRecordReasonPrompt(ctx.signal);
  },
});
