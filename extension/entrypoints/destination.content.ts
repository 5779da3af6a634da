import { defineContentScript } from 'wxt/utils/define-content-script';
import { startDetectors } from '../features/detector-manager';
import { initUploadDetector } from '../features/upload-detector';
import { firstRunInFrame } from '../lib/run-once';

// Registered at run time for the policy's personal destinations (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    if (!firstRunInFrame('destination', ctx)) return;
    startDetectors({ upload: () => initUploadDetector(ctx.signal) });
  },
});
