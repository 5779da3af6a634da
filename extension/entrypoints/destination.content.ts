import { defineContentScript } from 'wxt/utils/define-content-script';
import { initUploadDetector } from '../features/upload-detector';

// Registered at run time for the policy's personal destinations (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    initUploadDetector(ctx.signal);
  },
});
