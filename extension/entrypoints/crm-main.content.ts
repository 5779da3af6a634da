import { defineContentScript } from 'wxt/utils/define-content-script';
import { installBlobCapture } from '../features/blob-capture';

// The page's own world, before its scripts: registered at run time with the CRM script (features/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    installBlobCapture();
  },
});
