import type { Page, Worker } from 'playwright-core';
import { eventually } from './product';

/** Selects everything inside `selector` and presses Ctrl+C, as a person copying a list view would. */
export async function selectAndCopy(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(sel)!);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, selector);
  await page.keyboard.press('Control+C');
}

/** Waits until the extension has enrolled, fetched the policy (with the salt) and registered its content scripts. */
export async function extensionReady(worker: Worker): Promise<void> {
  await eventually(() => worker.evaluate(async () => {
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    const [{ device, policy }, scripts] = await Promise.all([chrome.storage.local.get(['device', 'policy']), chrome.scripting.getRegisteredContentScripts()]);
    const ids = scripts.map((s: { id: string }) => s.id);
    return device && policy?.fingerprintSalt && ['crm', 'crm-main', 'personal-destination', 'personal-destination-main'].every((id) => ids.includes(id)) ? true : undefined;
  }), 20_000, 'the extension to enroll, fetch the policy and register its scripts');
}
