import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchDetachedFileInputs } from '../features/detached-file-inputs';

// Registered at run time for the policy's personal destinations, in the page's world (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    watchDetachedFileInputs();
  },
});
