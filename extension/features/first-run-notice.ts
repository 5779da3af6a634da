import { browser } from 'wxt/browser';
import { reportEvent } from './report-event';

/** Bumped when the notice's text changes in substance, so employees acknowledge the new one. */
export const NOTICE_VERSION = '1';
const ACK_KEY = 'noticeAcknowledged';

export interface NoticeAcknowledgement {
  version: string;
  at: string;
}

/** Opens the first-run notice (what the extension watches) once, when the extension is installed. */
export function openNoticeOnInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') })
      .catch((error: unknown) => console.error('[crm-guard] could not open the first-run notice', error));
  });
}

/** The current notice's acknowledgement on this device, if given. */
export async function noticeAcknowledgement(): Promise<NoticeAcknowledgement | undefined> {
  const stored = (await browser.storage.local.get(ACK_KEY))[ACK_KEY] as NoticeAcknowledgement | undefined;
  return stored?.version === NOTICE_VERSION ? stored : undefined;
}

/** Kept on the device, and reported through the queue, so it reaches the server even if it is down now. */
export async function acknowledgeNotice(): Promise<NoticeAcknowledgement> {
  const acknowledgement = { version: NOTICE_VERSION, at: new Date().toISOString() };
  await browser.storage.local.set({ [ACK_KEY]: acknowledgement });
  await reportEvent({
    type: 'agent.notice_acknowledged',
    origin: new URL(browser.runtime.getURL('/')).origin,
    noticeVersion: NOTICE_VERSION,
    extensionVersion: browser.runtime.getManifest().version,
  });
  return acknowledgement;
}
