import { defineContentScript } from 'wxt/utils/define-content-script';
import { initBlobReader } from '../features/blob-reader';
import { initCopyDetector } from '../features/copy-detector';

// Registered at run time for the policy's CRM origins (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    initCopyDetector(ctx.signal);
    initBlobReader(ctx.signal);
  },
});
