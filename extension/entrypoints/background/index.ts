import { defineBackground } from 'wxt/utils/define-background';
import { listenForContentEvents } from '../../features/content-events';
import { listenForExports } from '../../features/export-detector';
import { listenForExportNames } from '../../features/export-names';
import { listenForRecordViews } from '../../features/record-view-detector';
import { openNoticeOnInstall } from '../../features/first-run-notice';
import { initSync } from '../../features/sync';

// Every listener is registered synchronously: an MV3 worker is woken by these events after it was stopped.
export default defineBackground(() => {
  listenForContentEvents();
  listenForExports();
  listenForExportNames();
  listenForRecordViews();
  initSync();
  openNoticeOnInstall();
});
