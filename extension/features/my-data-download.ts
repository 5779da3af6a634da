import { browser } from 'wxt/browser';
import { MESSAGES, pickLanguage } from '../lib/i18n';
import type { Enrollment } from '../lib/transport';

/**
 * The popup's "Download everything stored about me" (GDPR art. 15): asks the server for this employee's
 * data with this browser's device token, the same credential their events travel with, and saves the
 * answer as a JSON file. Shown only once the browser is enrolled.
 */
export async function initMyDataDownload(doc: Document, languages: readonly string[] = navigator.languages): Promise<void> {
  const t = MESSAGES[pickLanguage(languages)];
  const enrollment = (await browser.storage.local.get('device')).device as Enrollment | undefined;
  const button = doc.getElementById('my-data') as HTMLButtonElement;
  const status = doc.getElementById('my-data-status')!;
  if (!enrollment) return;
  button.textContent = t.myData;
  button.hidden = false;
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      const response = await fetch(`${enrollment.serverUrl}/v1/me/data`, { headers: { authorization: `Bearer ${enrollment.deviceToken}` } });
      if (!response.ok) throw new Error(`${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(doc.createElement('a'), { href: url, download: 'crm-guard-my-data.json' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      console.error('[crm-guard] my data download failed', error);
      status.textContent = t.myDataFailed;
    }
  });
}
